import { readCoverageGrid } from "@spine/platform";
import { z } from "zod";
import { defineApiRoute } from "./api-route.js";
import { domainOf, partitionKeyOf } from "./domain-of.js";

const cell = z.object({
  status: z.enum(["done", "stale", "failed", "running", "missing"]),
  executionId: z.string().nullable(),
  reason: z.string().nullable(),
  rowCount: z.number().nullable(),
});

/** GET /api/domains/:domain/coverage: partitions x stages with each cell's status. */
export const coverageRoute = defineApiRoute({
  path: "/api/domains/:domain/coverage",
  summary: "Partitions x stages of a domain: done, stale, failed, running or missing (from the manifest)",
  response: z.object({
    domain: z.string(),
    stages: z.array(z.string()),
    partitionFields: z.array(z.string()),
    rows: z.array(
      z.object({
        partition: z.record(z.string(), z.string()),
        gap: z.boolean(),
        rawArchived: z.boolean(),
        rawReleased: z.boolean(),
        cells: z.record(z.string(), cell),
      }),
    ),
  }),
  handle: async (request, context) =>
    readCoverageGrid(context.spine.database.db, domainOf(context, request.path.domain)),
});

const capture = z.object({
  capture_id: z.string(),
  stage: z.string(),
  variant: z.string(),
  capture_number: z.number(),
  calc_version: z.string().nullable(),
  source_file: z.string().nullable(),
  source_revision: z.number().nullable(),
  publication_date: z.string().nullable(),
  knowable_date: z.string().nullable(),
  row_count: z.number(),
  execution_id: z.string(),
  created_at: z.string(),
  archived_at: z.string().nullable(),
  archive_file: z.string().nullable(),
  raw_released_at: z.string().nullable(),
});

/** GET /api/domains/:domain/captures: the captures of one partition, every stage and revision. */
export const capturesRoute = defineApiRoute({
  path: "/api/domains/:domain/captures",
  summary: "Captures of one partition (name it by the domain's partition fields), newest first",
  response: z.object({ partitionKey: z.string(), captures: z.array(capture) }),
  handle: async (request, context) => {
    const domain = domainOf(context, request.path.domain);
    const fields = domain.graph?.partition.fields ?? [];
    const partitionKey = partitionKeyOf(domain, request.query);
    if (partitionKey === null) return { partitionKey: "", captures: [], needs: fields };
    const captures = await context.spine.database.db
      .selectFrom("core_captures as c")
      .leftJoin("core_raw_releases as r", "r.capture_id", "c.capture_id")
      .select([
        "c.capture_id",
        "c.stage",
        "c.variant",
        "c.capture_number",
        "c.calc_version",
        "c.source_file",
        "c.source_revision",
        "c.publication_date",
        "c.knowable_date",
        "c.row_count",
        "c.execution_id",
        "c.created_at",
        "c.archived_at",
        "c.archive_file",
        "r.released_at as raw_released_at",
      ])
      .where("c.domain", "=", domain.name)
      .where("c.partition_key", "=", partitionKey)
      .orderBy("c.created_at", "desc")
      .orderBy("c.capture_id", "desc")
      .execute();
    return {
      partitionKey,
      captures: captures.map((row) => ({ ...row, row_count: Number(row.row_count) })),
    };
  },
});
