import { parseParamsOrThrow } from "@spine/platform";
import type { ApiRoute } from "../api/api-route.js";

/**
 * Validates the query string by the route's schema, with the CLI's message on bad values. Keys the
 * schema does not declare are left to the handler (a domain's partition fields, a query's own).
 */
export function parseRouteQuery(
  route: ApiRoute,
  query: Readonly<Record<string, string>>,
): Record<string, unknown> {
  if (!route.query) return {};
  const declared = Object.keys(route.query.shape);
  const known = Object.fromEntries(Object.entries(query).filter(([name]) => declared.includes(name)));
  return parseParamsOrThrow(`GET ${route.path}`, route.query, known);
}
