import {
  API_TIER_IDENTIFIERS,
  apiDatasetForWeek,
  apiDatasetPath,
  FINRA_API_DATASET_NAMES,
  FINRA_API_GROUP,
  type FinraDataset,
  tierWeekKey,
  tierWeekParams,
  weekStartDateOf,
} from "@spine/finra";
import type { PipelineContext, PipelineDefinition, PipelineOutcome } from "@spine/platform";
import { definePipeline } from "@spine/platform";
import { createFinraApiClient, type FetchedTierWeek, type FinraApiClient } from "./finra-api-client.js";
import { readFinraApiSettings } from "./finra-api-settings.js";
import { type RequestLineage, writeLandingFile } from "./landing-file.js";

/** What a domain declares to get its `<domain>.fetch_week` pipeline. */
export interface FetchWeekDeclaration {
  /** The domain, named as the FINRA dataset it holds (`otc` or `ats`). */
  readonly domain: FinraDataset;
  /** The domain's ingest pipeline, run on the landing file (default `<domain>.ingest_week`). */
  readonly ingestPipeline?: string;
}

const ingestPipelineOf = (declaration: FetchWeekDeclaration) =>
  declaration.ingestPipeline ?? `${declaration.domain}.ingest_week`;

type TierWeek = { readonly tier: keyof typeof API_TIER_IDENTIFIERS; readonly week_ending: string };

/** The request a fetch makes, in words: for dry runs, progress and failures. */
export function describeFetchRequest(dataset: FinraDataset, params: TierWeek, today: string): string {
  const apiDataset = apiDatasetForWeek(params.week_ending, today);
  const filters = `weekStartDate=${weekStartDateOf(params.week_ending)} tierIdentifier=${API_TIER_IDENTIFIERS[params.tier]}`;
  return `fetch POST ${apiDatasetPath("data", apiDataset)} ${filters} (${dataset} detail rows)`;
}

// A week near the historic boundary may sit in either dataset: an empty answer asks the other one.
async function fetchEitherDataset(
  client: FinraApiClient,
  context: PipelineContext,
  declaration: FetchWeekDeclaration,
  params: TierWeek,
): Promise<FetchedTierWeek> {
  const expected = apiDatasetForWeek(params.week_ending, context.now().toISOString().slice(0, 10));
  const order = [expected, ...FINRA_API_DATASET_NAMES.filter((name) => name !== expected)];
  let fetched: FetchedTierWeek | null = null;
  for (const apiDataset of order) {
    fetched = await client.fetchTierWeek({
      dataset: declaration.domain,
      apiDataset,
      tier: params.tier,
      weekEnding: params.week_ending,
      onPage: (page, rows, total) =>
        context.progress({
          completed: page,
          unit: "pages",
          rows,
          message: `${params.tier} ${params.week_ending}: page ${page}, ${rows}${total === null ? "" : ` of ${total}`} rows`,
        }),
    });
    if (fetched.rows.length > 0) break;
  }
  return fetched as FetchedTierWeek;
}

function lineageOf(client: FinraApiClient, fetched: FetchedTierWeek, fetchedAt: string): RequestLineage {
  return {
    source: "finra-query-api",
    dataset: `${FINRA_API_GROUP}/${fetched.apiDataset}`,
    url: `${client.baseUrl}${apiDatasetPath("data", fetched.apiDataset)}`,
    filters: fetched.filters,
    fetched_at: fetchedAt,
    request_ids: fetched.requestIds,
    pages: fetched.pages,
    rows: fetched.rows.length,
  };
}

async function fetchWeek(
  context: PipelineContext,
  declaration: FetchWeekDeclaration,
  params: TierWeek,
): Promise<PipelineOutcome> {
  const client = createFinraApiClient(readFinraApiSettings(context.environment), context.logger);
  const fetched = await fetchEitherDataset(client, context, declaration, params);
  const request = lineageOf(client, fetched, context.now().toISOString());
  if (fetched.rows.length === 0)
    return {
      metrics: { request },
      failure: `FINRA published no ${declaration.domain} rows for ${params.tier} week ${params.week_ending} (${FINRA_API_DATASET_NAMES.join(" and ")} answered empty)`,
    };
  const landing = await writeLandingFile({
    directory: context.landingDirectory,
    dataset: declaration.domain,
    tier: params.tier,
    weekEnding: params.week_ending,
    rows: fetched.rows,
    lineage: request,
  });
  const ingest = await context.submit(
    ingestPipelineOf(declaration),
    { file_path: landing.path, ...tierWeekKey(params) },
    { force: context.force },
  );
  const metrics = {
    request,
    landing_file: landing.path,
    landing_sha256: landing.sha256,
    ingest_execution_id: ingest.id,
    ingest_status: ingest.status,
  };
  if (ingest.status === "failed")
    return { metrics, failure: `ingest of ${landing.path} failed: ${ingest.error ?? "no message"}` };
  if (ingest.status === "skipped")
    return { metrics, skipped: "FINRA's rows are the ones already loaded (same sha256)" };
  return { rowCount: fetched.rows.length, metrics };
}

/**
 * Declares `<domain>.fetch_week` (tier, week_ending): every page of the tier-week's detail rows
 * from FINRA's Query API, landed as a file with its request lineage, then ingested by the domain's
 * own ingest pipeline. A re-fetch of unchanged rows makes the same file, so ingest skips and the
 * fetch ends `skipped`; changed rows are a new revision. `--dry-run` names the request.
 */
export function defineFetchWeekPipeline(
  declaration: FetchWeekDeclaration,
): PipelineDefinition<typeof tierWeekParams> {
  const name = `${declaration.domain}.fetch_week`;
  return definePipeline({
    name,
    description: `Fetch one ${declaration.domain.toUpperCase()} tier-week from FINRA's Query API (SPINE_FINRA_API_URL), land it as a file and ingest it.`,
    params: tierWeekParams,
    run: (context, params) => fetchWeek(context, declaration, params),
    plan: async (_context, params) => [
      {
        pipeline: name,
        params,
        partition: tierWeekKey(params),
        action: "run",
        reason: `${describeFetchRequest(declaration.domain, params, new Date().toISOString().slice(0, 10))}, every page to Record-Total, then ${ingestPipelineOf(declaration)} on the landing file`,
      },
    ],
  });
}
