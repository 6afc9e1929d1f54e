import { defineDomain, defineMigration, definePipeline, defineQuery, SpineError } from "@spine/platform";
import { z } from "zod";

// The CLI does not depend on kysely and test tables are not among the platform's typed tables,
// so the test query reads through this minimal untyped view of the query builder.
interface UntypedReader {
  selectFrom(table: string): { selectAll(): { execute(): Promise<Record<string, unknown>[]> } };
}

const weekParams = z.object({
  week: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .describe("week ending, YYYY-MM-DD"),
  rows: z.number().int().min(0).default(3).describe("how many rows to write"),
});

/** A parameter-rich unstaged pipeline: a number, a boolean with a default and an enum. */
export const echoPipeline = definePipeline({
  name: "test.echo",
  description: "Echoes its parameters as a table.",
  params: z.object({
    count: z.number().describe("how many lines"),
    loud: z.boolean().default(false).describe("shout"),
    color: z.enum(["red", "green", "blue"]).describe("paint color"),
  }),
  run: async (context, params) => {
    context.progress({ completed: 1, total: 1, unit: "steps" });
    const table = Array.from({ length: params.count }, (_, index) => ({
      line: index + 1,
      color: params.color,
      share: 1 / 3,
    }));
    return { metrics: { lines: params.count }, output: { title: "Echo", table } };
  },
});

/** A staged pipeline writing into a table created by the domain's own migration. */
export const loadPipeline = definePipeline({
  name: "test.load",
  description: "Writes rows for a week.",
  params: weekParams,
  stage: { domain: "test", stage: "load", partition: (params) => ({ key: { week: params.week } }) },
  run: async (context, params) => {
    const rows = Array.from({ length: params.rows }, (_, index) => [params.week, index]);
    const rowCount = await context.scope.bulkInsert("test_rows", ["week", "position"], rows);
    return { rowCount };
  },
});

/** A staged pipeline that writes and then throws: its rows must be rolled back. */
export const explodePipeline = definePipeline({
  name: "test.explode",
  description: "Writes rows, then fails.",
  params: weekParams,
  stage: { domain: "test", stage: "explode", partition: (params) => ({ key: { week: params.week } }) },
  run: async (context, params) => {
    await context.scope.bulkInsert("test_rows", ["week", "position"], [[params.week, 99]]);
    throw new Error("exploded after writing");
  },
});

/** An unstaged pipeline that fails the way a lookup of something absent does (NOT_FOUND). */
export const lookupPipeline = definePipeline({
  name: "test.lookup",
  description: "Looks up a thing that does not exist.",
  params: z.object({ id: z.string().describe("what to look up") }),
  run: async (_context, params) => {
    throw new SpineError("NOT_FOUND", `Thing ${params.id} does not exist`);
  },
});

const backfillWeeks = ["2025-01-03", "2025-01-10"];

/** An orchestrator submitting two children. */
export const backfillPipeline = definePipeline({
  name: "test.backfill",
  description: "Loads two weeks.",
  params: z.object({}),
  run: async (context) => {
    const children = [];
    for (const week of backfillWeeks) children.push(await context.submit("test.load", { week }));
    return {
      output: { table: children.map((child) => ({ pipeline: child.pipeline, status: child.status })) },
    };
  },
  plan: async (context) => Promise.all(backfillWeeks.map((week) => context.plan("test.load", { week }))),
});

const createTestRows = defineMigration({
  name: "0001_create_test_rows",
  statements: (db) => [
    db.schema
      .createTable("test_rows")
      .addColumn("week", "text", (column) => column.notNull())
      .addColumn("position", "integer", (column) => column.notNull()),
  ],
});

/** Reads every written row. */
export const rowsQuery = defineQuery({
  name: "test.rows",
  description: "Rows written by test.load.",
  params: z.object({ week: z.string().optional().describe("only this week") }),
  run: async (context, params) => {
    const rows = await (context.scope.db as unknown as UntypedReader)
      .selectFrom("test_rows")
      .selectAll()
      .execute();
    return rows.filter((row) => params.week === undefined || row.week === params.week);
  },
});

/** The miniature domain the in-process CLI tests run against. */
export const testDomain = defineDomain({
  name: "test",
  description: "A miniature domain for CLI tests.",
  stages: ["load", "explode"],
  pipelines: [echoPipeline, loadPipeline, explodePipeline, backfillPipeline, lookupPipeline],
  migrations: [createTestRows],
  queries: [rowsQuery],
});
