import { getExecution, listChildExecutions, listExecutions, SpineError } from "@spine/platform";
import { z } from "zod";
import { defineApiRoute } from "./api-route.js";

const execution = z.object({
  id: z.string(),
  pipeline: z.string(),
  params: z.record(z.string(), z.unknown()),
  status: z.string(),
  parentExecutionId: z.string().nullable(),
  correlationId: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
  metrics: z.record(z.string(), z.unknown()),
});

const statuses = ["pending", "running", "completed", "failed", "skipped", "abandoned", "cancelled"] as const;

// Stacks stay in the logs and `spine executions show`; the page shows what went wrong, not where.
function withoutStack<Record extends { errorStack: string | null }>(record: Record) {
  const { errorStack: _stack, ...rest } = record;
  return rest;
}

/** GET /api/executions: executions newest first, filtered and paged. */
export const executionsRoute = defineApiRoute({
  path: "/api/executions",
  summary: "Executions, newest first, with filters and paging",
  query: z.object({
    pipeline: z.string().optional().describe("only this pipeline's runs"),
    status: z.enum(statuses).optional().describe("only runs in this status"),
    top_level: z.boolean().default(false).describe("only runs without a parent"),
    limit: z.number().int().min(1).max(500).default(50).describe("at most this many"),
    offset: z.number().int().min(0).default(0).describe("skip this many (paging)"),
  }),
  response: z.object({ executions: z.array(execution), limit: z.number(), offset: z.number() }),
  handle: async (request, context) => {
    const query = request.params as unknown as {
      pipeline?: string;
      status?: (typeof statuses)[number];
      top_level: boolean;
      limit: number;
      offset: number;
    };
    const executions = await listExecutions(context.spine.database.db, {
      ...(query.pipeline ? { pipeline: query.pipeline } : {}),
      ...(query.status ? { status: query.status } : {}),
      topLevel: query.top_level,
      limit: query.limit,
      offset: query.offset,
    });
    return { executions: executions.map(withoutStack), limit: query.limit, offset: query.offset };
  },
});

/** GET /api/executions/:id: one execution with its children. */
export const executionRoute = defineApiRoute({
  path: "/api/executions/:id",
  summary: "One execution with its child executions",
  response: z.object({ execution, children: z.array(execution) }),
  handle: async (request, context) => {
    const id = request.path.id ?? "";
    const found = await getExecution(context.spine.database.db, id);
    if (!found) throw new SpineError("NOT_FOUND", `No execution ${id}.`);
    const children = await listChildExecutions(context.spine.database.db, id);
    return { execution: withoutStack(found), children: children.map(withoutStack) };
  },
});
