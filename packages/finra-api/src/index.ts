/**
 * @spine/finra-api: FINRA's Query API for the FINRA domains: a client on the platform's HTTP
 * source, landing files with request lineage, the `<domain>.fetch_week` factory, a backfill
 * source planned from the partitions endpoint, and `spine finra status`. The mock server is at
 * `@spine/finra-api/mock`.
 */
export { type DataPage, readDataPage, readJsonAnswer, refuseAnswer } from "./api-answer.js";
export {
  type ApiBackfillSource,
  type ApiWorkRequest,
  apiSourceParams,
  backfillSourceParam,
  findApiWork,
  REFETCHED_TRAILING_WEEKS,
} from "./api-backfill-source.js";
export {
  defineFetchWeekPipeline,
  describeFetchRequest,
  type FetchWeekDeclaration,
} from "./define-fetch-week-pipeline.js";
export {
  createFinraApiClient,
  type FetchedTierWeek,
  type FinraApiClient,
  publishedTierWeeks,
  type TierWeekRequest,
} from "./finra-api-client.js";
export {
  FINRA_API_URL,
  FINRA_TOKEN_URL,
  type FinraApiSettings,
  readFinraApiSettings,
} from "./finra-api-settings.js";
export { type FinraStatusRow, readFinraStatus } from "./finra-status.js";
export {
  type LandingFile,
  type LandingInput,
  type RequestLineage,
  writeLandingFile,
} from "./landing-file.js";
