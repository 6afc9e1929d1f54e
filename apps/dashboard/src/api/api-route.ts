import type { z } from "zod";
import type { ApiContext } from "./api-context.js";

/** A text answer other than JSON (CSV, Prometheus text). */
export interface TextAnswer {
  readonly contentType: string;
  readonly body: string;
  readonly fileName?: string;
}

/** What a route's handler receives: path parameters, the query string as given, and it validated. */
export interface ApiRequest {
  readonly path: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  /** The query string parsed by the route's `query` schema (keys it does not declare left out). */
  readonly params: Readonly<Record<string, unknown>>;
}

/**
 * One endpoint, declared once: the server mounts it and the OpenAPI document describes it from the
 * same zod schemas, so the two never disagree.
 */
export interface ApiRoute {
  /** Hono path syntax, e.g. `/api/executions/:id`. */
  readonly path: string;
  readonly summary: string;
  /** The query-string parameters, when they are fixed (a declared query's come from the query). */
  readonly query?: z.ZodObject;
  readonly response: z.ZodType;
  /** Other answers than JSON the route can give (`format=csv`). */
  readonly textTypes?: readonly string[];
  readonly handle: (request: ApiRequest, context: ApiContext) => Promise<unknown>;
}

/** Declares a GET endpoint of the API (the API is read-only). */
export function defineApiRoute(route: ApiRoute): ApiRoute {
  return Object.freeze(route);
}

/** True for a {@link TextAnswer} returned by a handler. */
export function isTextAnswer(value: unknown): value is TextAnswer {
  return typeof value === "object" && value !== null && "contentType" in value && "body" in value;
}
