import type { ApiRoute } from "./api-route.js";
import { domainsRoute } from "./catalog-routes.js";
import { capturesRoute, coverageRoute } from "./coverage-routes.js";
import { executionRoute, executionsRoute } from "./execution-routes.js";
import { metricsRoute } from "./metrics-route.js";
import { qualityRoute, rejectsRoute } from "./problem-routes.js";
import { queryRoute } from "./query-routes.js";

/** Every endpoint of the API, in the order the OpenAPI document lists them. */
export const apiRoutes: readonly ApiRoute[] = [
  domainsRoute,
  coverageRoute,
  capturesRoute,
  executionsRoute,
  executionRoute,
  rejectsRoute,
  qualityRoute,
  queryRoute,
  metricsRoute,
];
