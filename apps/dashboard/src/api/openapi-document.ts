import type { AnyQueryDefinition } from "@spine/platform";
import { z } from "zod";
import type { ApiContext } from "./api-context.js";
import type { ApiRoute } from "./api-route.js";

type JsonSchema = Record<string, unknown>;

// Parameters reach the API as text and are coerced like the CLI's; the schema states the type after.
function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
}

function queryParameters(schema: z.ZodType | undefined) {
  if (!schema) return [];
  const object = jsonSchemaOf(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: "query",
    required: object.required?.includes(name) ?? false,
    ...(typeof property.description === "string" ? { description: property.description } : {}),
    schema: property,
  }));
}

function pathOf(route: ApiRoute): { path: string; parameters: object[] } {
  const names: string[] = [];
  const path = route.path.replace(/:([A-Za-z_]+)/g, (_match, name: string) => {
    names.push(name);
    return `{${name}}`;
  });
  return {
    path,
    parameters: names.map((name) => ({ name, in: "path", required: true, schema: { type: "string" } })),
  };
}

function operationOf(
  summary: string,
  parameters: object[],
  response: JsonSchema,
  textTypes: readonly string[],
) {
  const text = Object.fromEntries(textTypes.map((type) => [type, { schema: { type: "string" } }]));
  const error = { description: "error", content: { "application/json": { schema: errorSchema } } };
  return {
    get: {
      summary,
      parameters,
      responses: {
        "200": { description: "OK", content: { "application/json": { schema: response }, ...text } },
        "400": error,
        "404": error,
        "503": error,
      },
    },
  };
}

const errorSchema = jsonSchemaOf(
  z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
);

function declaredQueryPaths(queries: readonly AnyQueryDefinition[], generic: ApiRoute) {
  const response = jsonSchemaOf(generic.response);
  return Object.fromEntries(
    queries.map((query) => [
      `/api/queries/${query.name}`,
      operationOf(query.description, [...queryParameters(query.params), formatParameter], response, [
        "text/csv",
      ]),
    ]),
  );
}

const formatParameter = {
  name: "format",
  in: "query",
  required: false,
  schema: { type: "string", enum: ["json", "csv"], default: "json" },
};

/** The OpenAPI 3.1 document of the API, from the routes' and the declared queries' zod schemas. */
export function createOpenApiDocument(routes: readonly ApiRoute[], context: ApiContext, version: string) {
  const paths: Record<string, object> = {};
  for (const route of routes) {
    const { path, parameters } = pathOf(route);
    paths[path] = operationOf(
      route.summary,
      [...parameters, ...queryParameters(route.query)],
      jsonSchemaOf(route.response),
      route.textTypes ?? [],
    );
  }
  const generic = routes.find((route) => route.path === "/api/queries/:name");
  const queries = context.domains.flatMap((domain) => domain.queries ?? []);
  return {
    openapi: "3.1.0",
    info: { title: "Market Spine API", version, description: "Read-only API over a Market Spine database." },
    paths: { ...paths, ...(generic ? declaredQueryPaths(queries, generic) : {}) },
  };
}
