import type { Tier } from "@spine/finra";
import type { CaptureRow, SqlScope } from "@spine/platform";
import { ingestDelimitedFile } from "@spine/platform";
import { finraHeaderSpec } from "./finra-header.js";
import { createRawRowMapping } from "./raw-row-mapping.js";

/**
 * Writes an ingest capture's otc_raw_rows again from its source file, as its ingest wrote them
 * (the platform releases them once normalized). The file passed its week checks when ingested:
 * the rows are written again without them (week rule "parameter").
 */
export async function otcRawRowsFromSource(scope: SqlScope, capture: CaptureRow, path: string) {
  const { tier, week_ending } = JSON.parse(capture.partition_key) as { tier: Tier; week_ending: string };
  const weekRule = "parameter" as const;
  const identity = { tier, weekEnding: week_ending, weekRule, lastUpdateDate: capture.publication_date };
  const mapping = createRawRowMapping({
    identity,
    captureId: capture.capture_id,
    path,
    lastUpdateDates: new Map(),
  });
  const { written } = await ingestDelimitedFile(scope, { path, header: finraHeaderSpec, mapping });
  return written;
}
