import type { PartitionKey, PlanStep } from "@spine/platform";
import { formatTextTable } from "../output/text-table.js";

function formatPartition(partition: PartitionKey | null): string {
  if (!partition) return "";
  return Object.entries(partition)
    .map(([key, value]) => `${key}=${value}`)
    .join(" ");
}

/** Flattens nested plan steps into rows, indenting children under their parent. */
export function flattenPlan(step: PlanStep, depth = 0): Record<string, string>[] {
  const row = {
    pipeline: `${"  ".repeat(depth)}${step.pipeline}`,
    partition: formatPartition(step.partition),
    action: step.action,
    reason: step.reason,
  };
  return [row, ...(step.steps ?? []).flatMap((child) => flattenPlan(child, depth + 1))];
}

/** The text of `spine run --dry-run`. */
export function renderPlan(plan: PlanStep): string {
  return `Dry run: nothing was written.\n${formatTextTable(flattenPlan(plan))}`;
}
