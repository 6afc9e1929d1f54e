import { basename, resolve } from "node:path";
import { futurePublication, implausiblePublication, tierSchema, weekEndingSchema } from "@spine/finra";
import type { PipelineContext } from "@spine/platform";
import {
  assertReadableFile,
  createSharedValues,
  definePipeline,
  ingestDelimitedFile,
  insertSharedValues,
  insertValueProfile,
  mostFrequentKey,
  openCapture,
  recordCountCheck,
  SpineError,
  setCaptureRowCount,
  sha256File,
  storeSourceAlongside,
} from "@spine/platform";
import { z } from "zod";
import { finraHeaderSpec } from "./support/finra-header.js";
import { otcCaptures } from "./support/otc-captures.js";
import { otcDatabase } from "./support/otc-database.js";
import { createRawMetadataProfile, issueNames, participantNames } from "./support/otc-plain-copy.js";
import { createRawRowMapping, rawColumns } from "./support/raw-row-mapping.js";
import { checkLikelyRepublication, republicationSample } from "./support/republication-check.js";
import type { IdentifiedSource, SourceIdentity } from "./support/source-identity.js";
import { identifySource } from "./support/source-identity.js";
import { tierWeekKey } from "./support/tier-week-params.js";

const ingestParams = z.object({
  file_path: z
    .string()
    .min(1)
    .describe(
      "path of a FINRA weekly file (pipe-delimited download, API export or WeekEnding|Tier|... format)",
    ),
  tier: tierSchema.optional().describe("tier of the file; read from its tier column when omitted"),
  week_ending: weekEndingSchema
    .optional()
    .describe(
      "Friday week ending; else the weekStartDate column, else derived from lastUpdateDate (publication date)",
    ),
});

type IngestParams = z.output<typeof ingestParams>;

async function nextRevision(context: PipelineContext, identity: SourceIdentity): Promise<number> {
  const previous = await otcDatabase(context.scope)
    .selectFrom("otc_captures")
    .select((expression) => expression.fn.max("source_revision").as("revision"))
    .where("tier", "=", identity.tier)
    .where("week_ending", "=", identity.weekEnding)
    .where("stage", "=", "ingest")
    .executeTakeFirst();
  return Number(previous?.revision ?? 0) + 1;
}

async function ingest(context: PipelineContext, params: IngestParams) {
  const path = resolve(params.file_path);
  // Placing a file reads all its rows: the partition decision already did, for this same file.
  const identity =
    (context.partition?.inputFacts as IdentifiedSource | undefined) ?? (await identifySource(path, params));
  // The stage's fingerprint is this file's sha256, hashed once while deciding the partition.
  const sourceSha256 = context.partition?.fingerprint ?? (await sha256File(path));
  const ingestedAt = context.now().toISOString();
  const future = futurePublication(identity.lastUpdateDate, ingestedAt.slice(0, 10));
  if (future) throw new SpineError("SOURCE", `${path}: ${future}; check the file and its name.`);
  const revision = await nextRevision(context, identity);
  const captureId = await openCapture(context, otcCaptures, {
    partition: { tier: identity.tier, week_ending: identity.weekEnding },
    stage: "ingest",
    source: {
      file: basename(path),
      sha256: sourceSha256,
      revision,
      publicationDate: identity.lastUpdateDate,
    },
    details: { week_rule: identity.weekRule, dates_place_week: identity.datesPlaceWeek === true },
    createdAt: ingestedAt,
  });
  if (revision > 1)
    context.logger.info("FINRA republication: new revision of an ingested tier-week", {
      revision,
      captureId,
    });
  const lastUpdateDates = new Map<string, number>();
  const profile = createRawMetadataProfile();
  const names = createSharedValues([issueNames, participantNames], rawColumns);
  const stored = storeSourceAlongside(context.scope, path, { sha256: sourceSha256, storedAt: ingestedAt });
  const { counts, written, sample } = await ingestDelimitedFile(context.scope, {
    path,
    sample: republicationSample,
    writesAlongside: [stored],
    header: finraHeaderSpec,
    mapping: createRawRowMapping({ identity, captureId, path, lastUpdateDates, profile, names }),
    onProgress: (rowsRead) =>
      context.progress({ completed: rowsRead, unit: "rows", message: `ingesting ${basename(path)}` }),
  });
  await insertValueProfile(context.scope, "otc_raw_metadata", captureId, profile);
  await insertSharedValues(context.scope, captureId, names);
  refuseImplausibleWeek(identity, lastUpdateDates, path);
  await setCaptureRowCount(context.scope, captureId, written);
  const republicationOf =
    revision === 1
      ? await checkLikelyRepublication(context, identity, { id: captureId, rows: written, sample })
      : null;
  return { identity, captureId, revision, sourceSha256, counts, written, republicationOf };
}

// An explicit week (or one taken from a file name) switches off the row-level week checks, so the
// file's own majority date is checked here: a file published before the week existed is misfiled.
function refuseImplausibleWeek(
  identity: SourceIdentity,
  lastUpdateDates: ReadonlyMap<string, number>,
  path: string,
): void {
  const dominant = mostFrequentKey(lastUpdateDates);
  if (dominant === undefined) return;
  const problem = implausiblePublication(identity.tier, identity.weekEnding, dominant);
  if (problem) {
    throw new SpineError("SOURCE", `${path}: ${problem}. Check the file name or the week_ending parameter.`);
  }
}

/** Loads one FINRA weekly file, line for line, into otc_raw_rows; the otc_raw view adds the capture's lineage. */
export const ingestWeekPipeline = definePipeline({
  name: "otc.ingest_week",
  description: "Ingest one FINRA OTC weekly file into otc_raw (a republished file becomes a new revision).",
  params: ingestParams,
  stage: {
    domain: "otc",
    stage: "ingest",
    partition: async (params) => {
      const path = resolve(params.file_path);
      await assertReadableFile(path);
      const identity = await identifySource(path, params);
      return {
        key: tierWeekKey({ tier: identity.tier, week_ending: identity.weekEnding }),
        fingerprint: await sha256File(path),
        inputFacts: identity,
      };
    },
  },
  run: async (context, params) => {
    const result = await ingest(context, params);
    const { counts } = result;
    await recordCountCheck(context.quality, {
      checkName: "ingest.rows_written",
      critical: true,
      actual: result.written,
      expected: counts.rowsRead,
      message: `${result.written} raw rows written for ${counts.rowsRead} data lines read`,
    });
    return {
      rowCount: result.written,
      metrics: {
        capture_id: result.captureId,
        week_ending: result.identity.weekEnding,
        tier: result.identity.tier,
        week_rule: result.identity.weekRule,
        source_revision: result.revision,
        source_sha256: result.sourceSha256,
        source_last_update_date: result.identity.lastUpdateDate,
        likely_republication_of: result.republicationOf,
        rows_read: counts.rowsRead,
        blank_lines: counts.blankLines,
        malformed_rows: counts.malformed,
      },
    };
  },
});
