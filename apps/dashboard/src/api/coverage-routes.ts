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
      .selectFrom("core_captures")
      .select([
        "capture_id",
        "stage",
        "variant",
        "capture_number",
        "calc_version",
        "source_file",
        "source_revision",
        "publication_date",
        "knowable_date",
        "row_count",
        "execution_id",
        "created_at",
        "archived_at",
        "archive_file",
      ])
      .where("domain", "=", domain.name)
      .where("partition_key", "=", partitionKey)
      .orderBy("created_at", "desc")
      .orderBy("capture_id", "desc")
      .execute();
    return {
      partitionKey,
      captures: captures.map((row) => ({ ...row, row_count: Number(row.row_count) })),
    };
  },
});
