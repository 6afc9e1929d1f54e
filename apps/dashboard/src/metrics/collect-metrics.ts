import type { CoverageGrid, DomainDefinition } from "@spine/platform";
import { readCoverageGrid } from "@spine/platform";
import type { ApiContext } from "../api/api-context.js";
import type { Gauge, MetricSample } from "./prometheus-text.js";

type Labels = Record<string, string>;

function seriesLabels(domain: DomainDefinition, partition: Readonly<Record<string, string>>): Labels {
  const order = domain.graph?.partition.order.field;
  const labels: Labels = { domain: domain.name };
  for (const [field, value] of Object.entries(partition)) if (field !== order) labels[field] = value;
  return labels;
}

interface SeriesFacts {
  labels: Labels;
  loaded: number;
  missing: number;
  stale: number;
  failed: number;
  latest: string | null;
  latestRows: number;
}

// The first stage is the load: a partition counts as ingested when it is done or stale there.
function seriesFactsOf(domain: DomainDefinition, grid: CoverageGrid): SeriesFacts[] {
  const order = domain.graph?.partition.order.field ?? "";
  const first = grid.stages[0] ?? "";
  const facts = new Map<string, SeriesFacts>();
  for (const row of grid.rows) {
    const labels = seriesLabels(domain, row.partition);
    const key = JSON.stringify(labels);
    const series = facts.get(key) ?? {
      labels,
      loaded: 0,
      missing: 0,
      stale: 0,
      failed: 0,
      latest: null,
      latestRows: 0,
    };
    facts.set(key, series);
    const cells = Object.values(row.cells);
    series.stale += cells.filter((cell) => cell.status === "stale").length;
    series.failed += cells.filter((cell) => cell.status === "failed").length;
    const load = row.cells[first];
    if (row.gap || !load || (load.status !== "done" && load.status !== "stale")) {
      series.missing += 1;
      continue;
    }
    series.loaded += 1;
    const value = row.partition[order] ?? "";
    if (series.latest === null || value > series.latest) {
      series.latest = value;
      series.latestRows = load.rowCount ?? 0;
    }
  }
  return [...facts.values()];
}

function gaugeOf(name: string, help: string, samples: MetricSample[]): Gauge {
  return { name, help, samples };
}

async function qualityFailures(context: ApiContext): Promise<MetricSample[]> {
  const rows = await context.spine.database.db
    .selectFrom("core_quality")
    .select(({ fn }) => ["domain", "check_name", fn.countAll<number | string>().as("failures")])
    .where("status", "=", "fail")
    .groupBy(["domain", "check_name"])
    .execute();
  return rows.map((row) => ({
    labels: { domain: row.domain, check: row.check_name },
    value: Number(row.failures),
  }));
}

// Lateness comes from the platform's `<domain>.freshness` query, which knows the publication calendar.
async function ingestionLag(context: ApiContext, domain: DomainDefinition): Promise<MetricSample[]> {
  const freshness = domain.queries?.find((query) => query.name === `${domain.name}.freshness`);
  if (!freshness) return [];
  const scope = { scope: context.spine.database, logger: context.spine.logger };
  const rows = await freshness.run(scope, {});
  const order = domain.graph?.partition.order.field ?? "";
  return rows.map((row) => ({
    labels: seriesLabels(
      domain,
      Object.fromEntries(
        Object.entries(row)
          .filter(([name]) => (domain.graph?.partition.fields ?? []).includes(name) && name !== order)
          .map(([name, value]) => [name, String(value)]),
      ),
    ),
    value: Number(row.days_late ?? 0),
  }));
}

// The gauges read from the coverage grids alone, one sample per series.
function seriesGauges(facts: readonly SeriesFacts[]): Gauge[] {
  const each = (value: (series: SeriesFacts) => number) =>
    facts.map((series) => ({ labels: series.labels, value: value(series) }));
  const latest = facts.filter((series) => series.latest !== null);
  return [
    gaugeOf(
      "spine_partitions_ingested",
      "Partitions (weeks) loaded per domain and series",
      each((series) => series.loaded),
    ),
    gaugeOf(
      "spine_partitions_missing",
      "Partitions absent inside the loaded range (gaps) or not loaded yet",
      each((series) => series.missing),
    ),
    gaugeOf(
      "spine_stages_stale",
      "Stage cells whose inputs changed since they ran",
      each((series) => series.stale),
    ),
    gaugeOf(
      "spine_stages_failed",
      "Stage cells whose last run failed",
      each((series) => series.failed),
    ),
    gaugeOf(
      "spine_latest_partition_rows",
      "Rows loaded for the latest partition of each series",
      latest.map((series) => ({ labels: series.labels, value: series.latestRows })),
    ),
    gaugeOf(
      "spine_latest_partition_timestamp_seconds",
      "The latest partition loaded (its date, as Unix seconds)",
      latest.map((series) => ({
        labels: series.labels,
        value: Date.parse(`${series.latest}T00:00:00Z`) / 1000,
      })),
    ),
  ];
}

/** Reads the operators' data-correctness gauges of every domain. */
export async function collectMetrics(context: ApiContext): Promise<Gauge[]> {
  const facts: SeriesFacts[] = [];
  const lag: MetricSample[] = [];
  for (const domain of context.domains) {
    facts.push(...seriesFactsOf(domain, await readCoverageGrid(context.spine.database.db, domain)));
    lag.push(...(await ingestionLag(context, domain)));
  }
  return [
    ...seriesGauges(facts),
    gaugeOf(
      "spine_quality_failures",
      "Quality check results with status fail, by check",
      await qualityFailures(context),
    ),
    gaugeOf(
      "spine_ingestion_lag_days",
      "Days since the next partition's expected publication (0: current)",
      lag,
    ),
  ];
}
