import { basename, resolve } from "node:path";
import { futurePublication, tierSchema, weekEndingSchema } from "@spine/finra";
import {
  assertReadableFile,
  checkPartitionRepublication,
  definePipeline,
  findLatestCapture,
  ingestDelimitedFile,
  openCapture,
  SpineError,
  setCaptureRowCount,
  sha256File,
} from "@spine/platform";
import { z } from "zod";
import { atsCaptures } from "../ats-captures.js";
import { atsHeader } from "../sources/ats-header.js";
import { type AtsPlacement, placeAtsFile } from "../sources/identify-ats-file.js";
import { rawLineMapping } from "../sources/raw-line-mapping.js";

const params = z.object({
  file_path: z
    .string()
    .min(1)
    .describe("an ATS weekly file: FINRA download (pipe) or Query API export (csv)"),
  tier: tierSchema.optional().describe("the file's tier; else its name, else its tier column"),
  week_ending: weekEndingSchema
    .optional()
    .describe("the file's week; else its name, else weekStartDate, else lastUpdateDate"),
});

// The partition is the file's tier-week; its sha256 tells a republication from a file already loaded.
async function fileTierWeek(input: z.output<typeof params>) {
  const file = resolve(input.file_path);
  await assertReadableFile(file);
  const found = await placeAtsFile(file, input);
  const key = { week_ending: found.weekEnding, tier: found.tier };
  return { fingerprint: await sha256File(file), key, inputFacts: found };
}

/** Loads one ATS file, every line of it, into ats_raw_lines as a new ingest capture. */
export const ingestAtsWeek = definePipeline({
  name: "ats.ingest_week",
  description: "Ingest one FINRA ATS weekly file (download or API export) into ats_raw_lines.",
  params,
  stage: { domain: "ats", stage: "ingest", partition: fileTierWeek },
  run: async (context, input) => {
    const path = resolve(input.file_path);
    // Placing a file reads all its rows: the partition decision already did, for this same file.
    const found =
      (context.partition?.inputFacts as AtsPlacement | undefined) ?? (await placeAtsFile(path, input));
    const future = futurePublication(found.publicationDate, context.now().toISOString().slice(0, 10));
    if (future) throw new SpineError("SOURCE", `${path}: ${future}; check the file and its name.`);
    const partition = { tier: found.tier, week_ending: found.weekEnding };
    // A republished week is a new revision: one more than the latest ingest of the tier-week.
    const latest = await findLatestCapture(context.scope, atsCaptures, { partition, stage: "ingest" });
    const revision = Number(latest?.source_revision ?? 0) + 1;
    const captureId = await openCapture(context, atsCaptures, {
      partition,
      stage: "ingest",
      source: {
        file: basename(path),
        sha256: context.partition?.fingerprint ?? (await sha256File(path)),
        revision,
        publicationDate: found.publicationDate,
      },
      details: { week_rule: found.weekRule, dates_place_week: found.datesPlaceWeek },
      createdAt: context.now().toISOString(),
    });
    const loaded = await ingestDelimitedFile(context.scope, {
      path,
      header: atsHeader,
      mapping: rawLineMapping(captureId),
      onProgress: (rows) => context.progress({ completed: rows, unit: "rows", message: basename(path) }),
    });
    await setCaptureRowCount(context.scope, captureId, loaded.written);
    if (revision === 1)
      await checkPartitionRepublication(context, atsCaptures, partition, {
        table: "ats_raw_lines",
        columns: ["symbol", "mpid", "shares_text", "trades_text"],
        capture: { id: captureId, rows: loaded.written },
      });
    return {
      rowCount: loaded.written,
      metrics: { capture_id: captureId, ...partition, revision, ...loaded.counts },
    };
  },
});
