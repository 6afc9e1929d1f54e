/** One sample of a metric: its labels and value. */
export interface MetricSample {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** A gauge with its help text and samples. */
export interface Gauge {
  readonly name: string;
  readonly help: string;
  readonly samples: readonly MetricSample[];
}

// The text format escapes backslash, double quote and line feed in label values.
function labelValue(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

function labelText(labels: Readonly<Record<string, string>>): string {
  const pairs = Object.entries(labels).map(([name, value]) => `${name}="${labelValue(value)}"`);
  return pairs.length === 0 ? "" : `{${pairs.join(",")}}`;
}

/** Renders gauges in the Prometheus text exposition format (version 0.0.4). */
export function formatPrometheusText(gauges: readonly Gauge[]): string {
  const lines: string[] = [];
  for (const gauge of gauges) {
    lines.push(`# HELP ${gauge.name} ${gauge.help}`, `# TYPE ${gauge.name} gauge`);
    for (const sample of gauge.samples)
      lines.push(`${gauge.name}${labelText(sample.labels)} ${sample.value}`);
  }
  return `${lines.join("\n")}\n`;
}
