import type { ExecutionRecord } from "@spine/platform";
import { formatJson } from "../output/json-writer.js";
import { formatTextTable } from "../output/text-table.js";
import { durationBetween, formatDuration } from "./format-duration.js";
import { formatMetrics } from "./render-execution.js";

const errorPreviewLength = 60;

function preview(text: string | null): string {
  if (!text) return "";
  const line = text.replace(/\s+/g, " ");
  return line.length > errorPreviewLength ? `${line.slice(0, errorPreviewLength - 1)}…` : line;
}

/** One row per execution for `executions list` and the children of `executions show`. */
export function executionRows(records: readonly ExecutionRecord[]): Record<string, unknown>[] {
  return records.map((record) => ({
    id: record.id,
    pipeline: record.pipeline,
    status: record.status,
    trigger: record.trigger,
    created: record.createdAt,
    duration: formatDuration(durationBetween(record.startedAt, record.finishedAt)),
    error: preview(record.error),
  }));
}

/** The text of `executions list`. */
export function renderExecutionList(records: readonly ExecutionRecord[], width?: number): string {
  return formatTextTable(executionRows(records), { emptyMessage: "(no executions)", width });
}

/** The text of `executions show <id>`. */
export function renderExecutionRecord(record: ExecutionRecord, children: readonly ExecutionRecord[]): string {
  const fields: Array<[string, string]> = [
    ["pipeline", record.pipeline],
    ["status", record.status],
    ["trigger", record.trigger],
    ["lane", record.lane],
    ["logical key", record.logicalKey ?? ""],
    ["parent", record.parentExecutionId ?? ""],
    ["batch", record.batchId ?? ""],
    ["correlation", record.correlationId ?? ""],
    ["created", record.createdAt],
    ["started", record.startedAt ?? ""],
    ["finished", record.finishedAt ?? ""],
    ["duration", formatDuration(durationBetween(record.startedAt, record.finishedAt))],
    ["metrics", formatMetrics(record.metrics)],
  ];
  const lines = [
    `execution ${record.id}`,
    ...fields.map(([label, value]) => `  ${label.padEnd(12)}${value}`),
  ];
  const params = `\nParameters\n${formatJson(record.params)}`;
  const error = record.error ? `\nError\n${record.error}\n` : "";
  const childTable = `\nChildren (${children.length})\n${formatTextTable(executionRows(children), { emptyMessage: "(none)" })}`;
  return `${lines.join("\n")}\n${params}${error}${childTable}`;
}
