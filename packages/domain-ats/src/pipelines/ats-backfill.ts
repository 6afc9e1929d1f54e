import {
  finraPlacementVersion,
  groupTierWeeks,
  parseTierSelection,
  placeFilesByContent,
  tierWeekPartitions,
  weekEndingSchema,
} from "@spine/finra";
import { apiSourceParams, findApiWork } from "@spine/finra-api";
import {
  backfillControlParams,
  defineBackfill,
  fail,
  ok,
  type ReadContext,
  scanSourceDirectory,
  sourceFileFactsFor,
} from "@spine/platform";
import { z } from "zod";
import { atsStageGraph, windowWeeks } from "../ats-stages.js";
import { atsFileContent, atsFiles } from "../sources/identify-ats-file.js";
import { aggregateAtsWeek } from "./aggregate-ats-week.js";
import { atsSnapshot } from "./ats-snapshot.js";
import { atsTrend } from "./ats-trend.js";
import { ingestAtsWeek } from "./ingest-ats-week.js";
import { normalizeAtsWeek } from "./normalize-ats-week.js";

/** Where the backfill reads when no source_dir is given: the generated fixtures, from the repository root. */
export const defaultAtsFolder = "fixtures/finra-ats/generated";

const params = z.object({
  ...apiSourceParams,
  source_dir: z.string().min(1).default(defaultAtsFolder).describe("folder of ATS files, or one ATS file"),
  tiers: z.string().default("all").describe("comma-separated tiers to load (tier1,tier2,otc) or all"),
  from_week: weekEndingSchema.optional().describe("first week to load; default: the oldest found"),
  to_week: weekEndingSchema.optional().describe("last week to load; default: the newest found"),
  window_weeks: windowWeeks,
  ...backfillControlParams("tier-week"),
});

async function findAtsWork(input: z.output<typeof params>, read: ReadContext) {
  const tiers = parseTierSelection(input.tiers);
  if (!tiers.ok) return fail({ message: tiers.issues.join("; "), ignored: [] });
  const range = { startWeek: input.from_week, endWeek: input.to_week, weeksBack: input.weeks_back };
  if (input.source === "api") return findApiWork("ats", { tiers: tiers.value, ...range }, read);
  const scan = await scanSourceDirectory(input.source_dir, atsFiles);
  if (!scan.ok)
    return fail({ message: `cannot read ${input.source_dir}: ${scan.issues.join("; ")}`, ignored: [] });
  // Files of one tier-week load oldest publication first, so the newest becomes the latest revision.
  const facts = await sourceFileFactsFor(read, "ats", input.source_dir, finraPlacementVersion);
  const files = await placeFilesByContent(scan.value.files, atsFileContent, facts);
  const weeks = { start: input.from_week ?? "", end: input.to_week ?? "9999-12-31" };
  const works = groupTierWeeks(files, tiers.value, weeks);
  const { directory, ignored } = scan.value;
  if (works.length === 0)
    return fail({ message: `no ATS files for the tiers and weeks asked in ${directory}`, ignored });
  const filesFound = works.reduce((count, work) => count + work.files.length, 0);
  return ok({ partitions: tierWeekPartitions(works), ignored, metrics: { files_found: filesFound } });
}

/** ats.backfill_range: every tier-week found in a folder through all ATS stages, resuming where it stopped. */
export const atsBackfill = defineBackfill({
  name: "ats.backfill_range",
  description:
    "Backfill ATS tier-weeks from a folder (default fixtures/finra-ats/generated) or, with source=api, FINRA's Query API: ingest, normalize, aggregate, trend, snapshot.",
  params,
  domain: "ats",
  graph: atsStageGraph,
  unit: "tier_weeks",
  columns: {
    rows: { stage: "normalize", metric: "rows_read" },
    accepted: { stage: "normalize", metric: "rows_accepted" },
    rejected: { stage: "normalize", metric: "rows_rejected" },
  },
  // Named through the definitions, so a renamed pipeline cannot leave the backfill pointing nowhere.
  pipelines: {
    ingest: ingestAtsWeek.name,
    normalize: normalizeAtsWeek.name,
    aggregate: aggregateAtsWeek.name,
    trend: atsTrend.name,
    snapshot: atsSnapshot.name,
  },
  windowParameter: "window_weeks",
  findWork: findAtsWork,
});
