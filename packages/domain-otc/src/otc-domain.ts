import { defineDomain } from "@spine/platform";

/** The FINRA OTC weekly transparency domain, as registered with the platform. */
export const otcDomain = defineDomain({
  name: "otc",
  description: "FINRA OTC (non-ATS) weekly transparency data: NMS Tier 1, NMS Tier 2 and OTC.",
  stages: ["ingest", "normalize", "aggregate", "rolling", "snapshot"],
  pipelines: [],
  migrations: [],
  queries: [],
});
