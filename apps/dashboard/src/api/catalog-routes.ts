import { describePipeline, describeQuery } from "@spine/platform";
import { z } from "zod";
import { defineApiRoute } from "./api-route.js";

const parameter = z.object({
  name: z.string(),
  type: z.string(),
  required: z.boolean(),
  default: z.unknown().optional(),
  description: z.string().optional(),
  allowedValues: z.array(z.string()).optional(),
});

const chart = z.object({
  view: z.enum(["week", "venue", "symbol", "tier"]),
  kind: z.enum(["bar", "line"]),
  title: z.string(),
  x: z.string(),
  y: z.array(z.string()),
  unit: z.string(),
  params: z.record(z.string(), z.string()).optional(),
});

const entry = z.object({
  name: z.string(),
  description: z.string(),
  stage: z.string().nullable(),
  parameters: z.array(parameter),
  columns: z.array(z.object({ name: z.string(), description: z.string() })),
});

/** GET /api/domains: every domain with its stages, partition fields, pipelines, queries and charts. */
export const domainsRoute = defineApiRoute({
  path: "/api/domains",
  summary: "Domains with their stages, partition fields, pipelines, queries and the charts they declare",
  response: z.object({
    domains: z.array(
      z.object({
        name: z.string(),
        description: z.string(),
        stages: z.array(z.string()),
        partitionFields: z.array(z.string()),
        pipelines: z.array(entry),
        queries: z.array(entry.extend({ chart: chart.nullable() })),
      }),
    ),
  }),
  handle: async (_request, context) => ({
    domains: context.domains.map((domain) => ({
      name: domain.name,
      description: domain.description,
      stages: domain.stages,
      partitionFields: domain.graph?.partition.fields ?? [],
      pipelines: domain.pipelines.map((pipeline) => pick(describePipeline(pipeline))),
      queries: (domain.queries ?? []).map((query) => ({
        ...pick(describeQuery(query)),
        chart: query.chart ?? null,
      })),
    })),
  }),
});

function pick(described: ReturnType<typeof describeQuery>) {
  const { name, description, stage, parameters, columns } = described;
  return { name, description, stage, parameters, columns };
}
