import { z } from "zod";
import { defineApiRoute } from "./api-route.js";
import { domainOf, partitionKeyOf } from "./domain-of.js";

const paging = {
  limit: z.number().int().min(1).max(1000).default(100).describe("at most this many rows"),
  offset: z.number().int().min(0).default(0).describe("skip this many rows (paging)"),
};

interface Paged {
  readonly limit: number;
  readonly offset: number;
}

/** GET /api/domains/:domain/rejects: rejected rows with reason code and line number, oldest first. */
export const rejectsRoute = defineApiRoute({
  path: "/api/domains/:domain/rejects",
  summary: "Rejected rows with reason code, line number and raw line, filtered and paged",
  query: z.object({ reason_code: z.string().optional(), ...paging }),
  response: z.object({
    rejects: z.array(z.record(z.string(), z.unknown())),
    limit: z.number(),
    offset: z.number(),
  }),
  handle: async (request, context) => {
    const domain = domainOf(context, request.path.domain);
    const query = request.params as unknown as Paged & { reason_code?: string };
    const partitionKey = partitionKeyOf(domain, request.query);
    const rejects = await context.spine.database.db
      .selectFrom("core_rejects")
      .select([
        "id",
        "partition_key",
        "stage",
        "reason_code",
        "reason_detail",
        "line_number",
        "raw_record",
        "source",
        "execution_id",
        "created_at",
      ])
      .where("domain", "=", domain.name)
      .$if(partitionKey !== null, (select) => select.where("partition_key", "=", partitionKey ?? ""))
      .$if(query.reason_code !== undefined, (select) =>
        select.where("reason_code", "=", query.reason_code ?? ""),
      )
      .orderBy("id")
      .limit(query.limit)
      .offset(query.offset)
      .execute();
    return { rejects, limit: query.limit, offset: query.offset };
  },
});

/** GET /api/domains/:domain/quality: quality check results, newest first. */
export const qualityRoute = defineApiRoute({
  path: "/api/domains/:domain/quality",
  summary: "Quality check results (check, severity, status, actual vs expected), filtered and paged",
  query: z.object({ status: z.enum(["pass", "warn", "fail"]).optional(), ...paging }),
  response: z.object({
    quality: z.array(z.record(z.string(), z.unknown())),
    limit: z.number(),
    offset: z.number(),
  }),
  handle: async (request, context) => {
    const domain = domainOf(context, request.path.domain);
    const query = request.params as unknown as Paged & { status?: "pass" | "warn" | "fail" };
    const partitionKey = partitionKeyOf(domain, request.query);
    const quality = await context.spine.database.db
      .selectFrom("core_quality")
      .select([
        "id",
        "partition_key",
        "check_name",
        "severity",
        "status",
        "actual_value",
        "expected_value",
        "message",
        "execution_id",
        "created_at",
      ])
      .where("domain", "=", domain.name)
      .$if(partitionKey !== null, (select) => select.where("partition_key", "=", partitionKey ?? ""))
      .$if(query.status !== undefined, (select) => select.where("status", "=", query.status ?? "pass"))
      .orderBy("id", "desc")
      .limit(query.limit)
      .offset(query.offset)
      .execute();
    return { quality, limit: query.limit, offset: query.offset };
  },
});
