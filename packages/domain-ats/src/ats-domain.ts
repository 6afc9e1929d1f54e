import { defineFetchWeekPipeline } from "@spine/finra-api";
import { createCompareCapturesQuery, defineDomain } from "@spine/platform";
import { atsCaptures } from "./ats-captures.js";
import { atsStageGraph } from "./ats-stages.js";
import { createAtsTables } from "./migrations/0001-create-ats-tables.js";
import { atsFractionalShares } from "./migrations/0002-fractional-shares.js";
import { aggregateAtsWeek } from "./pipelines/aggregate-ats-week.js";
import { atsBackfill } from "./pipelines/ats-backfill.js";
import { atsSnapshot } from "./pipelines/ats-snapshot.js";
import { atsTrend } from "./pipelines/ats-trend.js";
import { ingestAtsWeek } from "./pipelines/ingest-ats-week.js";
import { normalizeAtsWeek } from "./pipelines/normalize-ats-week.js";
import * as ledger from "./queries/ats-ledger-queries.js";
import * as research from "./queries/ats-research-queries.js";
import { atsFiles } from "./sources/identify-ats-file.js";

/** The ATS domain: everything it contributes to a spine, for `createSpine({ domains })`. */
export const atsDomain = defineDomain({
  name: "ats",
  description: "FINRA ATS weekly transparency data (Rule 4552): ATS market shares, concentration and trends.",
  graph: atsStageGraph,
  captures: atsCaptures,
  pipelines: [
    ingestAtsWeek,
    normalizeAtsWeek,
    aggregateAtsWeek,
    atsTrend,
    atsSnapshot,
    atsBackfill,
    // ats.fetch_week: one tier-week from FINRA's Query API, landed as a file, then ats.ingest_week.
    defineFetchWeekPipeline({ domain: "ats" }),
    ledger.atsRollback,
  ],
  migrations: [createAtsTables, atsFractionalShares],
  load: { pipeline: atsBackfill.name, sourceParameter: "source_dir", sources: atsFiles },
  queries: [
    ...Object.values(research),
    ...Object.values(ledger.atsLedgerQueries),
    createCompareCapturesQuery(atsCaptures),
  ],
});
