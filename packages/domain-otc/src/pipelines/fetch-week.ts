import { defineFetchWeekPipeline } from "@spine/finra-api";

/** otc.fetch_week: one tier-week from FINRA's Query API, landed as a file and ingested by otc.ingest_week. */
export const fetchWeekPipeline = defineFetchWeekPipeline({ domain: "otc" });
