import type { Execution } from "@spine/platform";
import { formatCell } from "../output/format-cell.js";
import { formatJson } from "../output/json-writer.js";
import { formatTextTable } from "../output/text-table.js";
import { durationBetween, formatDuration } from "./format-duration.js";
import { isTableOutput } from "./table-output.js";

/** The execution as `run --json` prints it. */
export function summarizeExecution(execution: Execution): Record<string, unknown> {
  return {
    id: execution.id,
    pipeline: execution.pipeline,
    status: execution.status,
    params: execution.params,
    trigger: execution.trigger,
    startedAt: execution.startedAt,
    finishedAt: execution.finishedAt,
    durationMs: durationBetween(execution.startedAt, execution.finishedAt),
    metrics: execution.metrics,
    error: execution.error,
    errorCode: execution.errorCode,
    ...(execution.output === null || execution.output === undefined ? {} : { output: execution.output }),
  };
}

/** `key=value` pairs of a metrics object on one line. */
export function formatMetrics(metrics: Readonly<Record<string, unknown>>): string {
  const entries = Object.entries(metrics);
  if (entries.length === 0) return "(none)";
  return entries.map(([key, value]) => `${key}=${formatCell(value)}`).join(" ");
}

// Fields beside the table (ignored files, failures) must reach text users too, not only --json.
function renderExtraFields(output: object): string {
  const extras = Object.entries(output).filter(
    ([key, value]) => key !== "table" && key !== "title" && !(Array.isArray(value) && value.length === 0),
  );
  return extras.map(([key, value]) => `\n${key.replaceAll("_", " ")}:${formatExtraValue(value)}\n`).join("");
}

// A listed object (a quality warning, say) reads as the metrics line does, not as JSON.
function formatExtraItem(item: unknown): string {
  const plainObject = typeof item === "object" && item !== null && !Array.isArray(item);
  return plainObject ? formatMetrics(item as Record<string, unknown>) : formatCell(item);
}

function formatExtraValue(value: unknown): string {
  return Array.isArray(value)
    ? value.map((item) => `\n  ${formatExtraItem(item)}`).join("")
    : ` ${formatCell(value)}`;
}

/** Renders a pipeline's output: a table when it is `{ table, title? }`, JSON otherwise. */
export function renderOutput(output: unknown): string {
  if (output === null || output === undefined) return "";
  if (isTableOutput(output)) {
    const title = output.title ? `${output.title}\n` : "";
    return `\n${title}${formatTextTable(output.table)}${renderExtraFields(output)}`;
  }
  return `\n${formatJson(output)}`;
}

/** The text of `spine run` once the execution has finished. */
export function renderExecution(execution: Execution): string {
  const duration = formatDuration(durationBetween(execution.startedAt, execution.finishedAt));
  const lines = [
    `execution ${execution.id}`,
    `  pipeline  ${execution.pipeline}`,
    `  status    ${execution.status}`,
    `  duration  ${duration}`,
    `  metrics   ${formatMetrics(execution.metrics)}`,
  ];
  return `${lines.join("\n")}\n${renderOutput(execution.output)}`;
}
