import { createRequire } from "node:module";
import { join } from "node:path";
import { sql } from "@spine/platform";
import { afterEach, describe, expect, it } from "vitest";
import { fixturesDirectory, openOtcSpine } from "./support/otc-spine.js";
import { runQuery } from "./support/run-query.js";
import { generatedDirectory } from "./support/source-folder.js";

// Every statement the pipelines run against a table that grows with each loaded week must find
// its rows through a key, never by scanning the table: a scan makes each week's work grow with
// the whole history (the rolling stage once read every week's summaries through a _latest view).
// SQLite only: the statements are captured from better-sqlite3 and re-planned with EXPLAIN.

// The driver instance the platform itself loads (this package does not depend on it).
const platformRequire = createRequire(createRequire(import.meta.url).resolve("@spine/platform/package.json"));

const growingTables = [
  "core_captures",
  "otc_raw_rows",
  "otc_raw_metadata",
  "otc_venue_volume_rows",
  "otc_symbol_summary_rows",
  "otc_symbol_concentration_rows",
  "otc_liquidity_score_rows",
  "otc_venue_share_rows",
  "otc_symbol_rolling_rows",
  "otc_research_snapshot_rows",
  "core_rejects",
];

interface CapturedStatement {
  readonly source: string;
  readonly parameters: unknown[];
}

type Prepare = (this: unknown, source: string, ...rest: unknown[]) => Record<string, unknown>;

// Wraps better-sqlite3's prepare so the first run of each statement records its text and values.
function captureStatements(): { statements: Map<string, CapturedStatement>; restore: () => void } {
  const Database = platformRequire("better-sqlite3") as { prototype: { prepare: Prepare } };
  const statements = new Map<string, CapturedStatement>();
  const prepare = Database.prototype.prepare;
  Database.prototype.prepare = function capturingPrepare(source, ...rest) {
    const statement = prepare.call(this, source, ...rest);
    for (const method of ["run", "all", "get"]) {
      const original = statement[method] as (...values: unknown[]) => unknown;
      statement[method] = (...values: unknown[]) => {
        if (!statements.has(source)) statements.set(source, { source, parameters: values.flat() });
        return original.apply(statement, values);
      };
    }
    return statement;
  };
  const restore = () => {
    Database.prototype.prepare = prepare;
  };
  return { statements, restore };
}

type PlanConnection = {
  prepare: (source: string) => {
    all: (...values: unknown[]) => unknown[];
    run: (...values: unknown[]) => unknown;
  };
  close: () => void;
};

interface Instruction {
  readonly opcode: string;
  readonly p1: number;
  readonly p2: number;
  readonly p3: number;
}

function compiledProgram(connection: PlanConnection, statement: CapturedStatement): Instruction[] {
  return connection.prepare(`explain ${statement.source}`).all(...statement.parameters) as Instruction[];
}

// The compiled program, not EXPLAIN QUERY PLAN, is read: its names are aliases (also from inside
// views), while a cursor's root page names the b-tree. A cursor opened on a growing table (or one
// of its indexes) in the main database and then rewound to its first row is a full scan; a read
// by key seeks instead.
function scannedGrowingTables(
  connection: PlanConnection,
  statement: CapturedStatement,
  tableOfRootPage: ReadonlyMap<number, string>,
): string[] {
  const program = compiledProgram(connection, statement);
  const tableOfCursor = new Map<number, string>();
  const scanned = new Set<string>();
  for (const instruction of program) {
    if ((instruction.opcode === "OpenRead" || instruction.opcode === "OpenWrite") && instruction.p3 === 0) {
      const table = tableOfRootPage.get(instruction.p2);
      if (table !== undefined) tableOfCursor.set(instruction.p1, table);
    }
    const table = tableOfCursor.get(instruction.p1);
    if ((instruction.opcode === "Rewind" || instruction.opcode === "Last") && table !== undefined)
      scanned.add(table);
  }
  return [...scanned].filter((table) => growingTables.includes(table));
}

function queryCalls(week: { tier: string; week_ending: string }): Array<[string, Record<string, unknown>]> {
  return [
    ["otc.top_symbols", week],
    ["otc.venue_shares", week],
    ["otc.symbol_history", { tier: "OTC", symbol: "ABEE" }],
    ["otc.venue_history", { mpid: "NWEX" }],
  ];
}

// A venue's whole market-share series, as a researcher asks for it.
const historyCalls: Array<[string, Record<string, unknown>]> = [["otc.venue_history", { mpid: "NWEX" }]];

// The b-trees of tables themselves (not their indexes), by root page.
function tableRootPages(connection: PlanConnection): Map<number, string> {
  const entries = connection
    .prepare("select rootpage, tbl_name from sqlite_schema where type = 'table'")
    .all() as Array<{ rootpage: number; tbl_name: string }>;
  return new Map(entries.map((entry) => [entry.rootpage, entry.tbl_name]));
}

// The tables whose own b-tree a statement opens: none when an index answers it alone.
function openedTables(
  connection: PlanConnection,
  statement: CapturedStatement,
  tables: ReadonlyMap<number, string>,
): string[] {
  return compiledProgram(connection, statement).flatMap((instruction) =>
    instruction.opcode === "OpenRead" && instruction.p3 === 0 && tables.has(instruction.p2)
      ? [tables.get(instruction.p2) as string]
      : [],
  );
}

// A file with a row for every reject rule, normalized without ingest's metadata profile, so the
// judged path and the metadata scan run too (the generated weeks are all clean).
async function normalizeBadRowsWithoutProfile(spine: Awaited<ReturnType<typeof openOtcSpine>>) {
  const partition = { tier: "OTC", week_ending: "2025-09-19" };
  const ingest = await spine.dispatcher.submit("otc.ingest_week", {
    file_path: join(fixturesDirectory, "edge-cases", "bad-rows.csv"),
    ...partition,
  });
  expect(ingest.status, ingest.error ?? "").toBe("completed");
  await sql`delete from otc_raw_metadata where capture_id = ${String(ingest.metrics.capture_id)}`.execute(
    spine.database.db,
  );
  const normalize = await spine.dispatcher.submit("otc.normalize_week", partition);
  expect(normalize.status, normalize.error ?? "").toBe("completed");
  expect(Number(normalize.metrics.rows_rejected)).toBeGreaterThan(5);
}

// Three generated OTC weeks through every stage.
async function backfillThreeWeeks(spine: Awaited<ReturnType<typeof openOtcSpine>>): Promise<void> {
  const backfill = await spine.dispatcher.submit("otc.backfill_range", {
    tier: "otc",
    start_week: "2025-09-26",
    end_week: "2025-10-10",
    source_dir: generatedDirectory,
  });
  expect(backfill.status, backfill.error ?? "").toBe("completed");
}

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe("integration", () => {
  it.runIf(process.env.SPINE_TEST_DATABASE_URL === undefined)(
    "reads every growing table through a key in every pipeline statement of a backfill",
    async () => {
      const spine = await openOtcSpine({ backend: "sqlite" });
      cleanup = spine.cleanup;
      // After the migrations, which copy whole tables by design.
      const capture = captureStatements();
      try {
        await backfillThreeWeeks(spine);
        await normalizeBadRowsWithoutProfile(spine);
        // The queries researchers run for one week or one symbol.
        const week = { tier: "OTC", week_ending: "2025-10-03" };
        for (const [name, params] of queryCalls(week)) {
          expect((await runQuery(spine, name, params)).length, name).toBeGreaterThan(0);
        }
        // An empty answer's explanation looks the symbol up: a typo must not cost a scan of history.
        const history = spine.registry.getQuery("otc.symbol_history");
        const typo = history.params.parse({ tier: "OTC", symbol: "abee" });
        const context = { scope: spine.database, logger: spine.logger };
        expect(await history.explainEmpty?.(context, typo)).toEqual([
          "symbol=abee matches nothing; values are case-sensitive: did you mean ABEE?",
        ]);
      } finally {
        capture.restore();
      }
      const connection = await openPlanConnection(spine.directory);
      const tableOfRootPage = new Map(
        (
          connection
            .prepare("select rootpage, tbl_name from sqlite_schema where type in ('table', 'index')")
            .all() as Array<{ rootpage: number; tbl_name: string }>
        ).map((entry) => [entry.rootpage, entry.tbl_name]),
      );
      const scans: Array<{ statement: string; scans: string[] }> = [];
      let planned = 0;
      for (const statement of capture.statements.values()) {
        const kind = /^\s*(\w+)(\s+temporary)?/i.exec(statement.source);
        const dataStatement = kind && /^(select|insert|update|delete|with)$/i.test(kind[1] ?? "");
        const scratchTable = kind && /^create$/i.test(kind[1] ?? "") && kind[2] !== undefined;
        if (!dataStatement && !scratchTable) continue;
        // Every statement is planned, since a view (otc_raw, say) names no growing table itself.
        planned += 1;
        const scanned = scannedGrowingTables(connection, statement, tableOfRootPage);
        if (scanned.length > 0) scans.push({ statement: statement.source.slice(0, 200), scans: scanned });
        // Later statements read the aggregate's scratch tables, so the planning connection needs them.
        if (scratchTable) connection.prepare(statement.source).run(...statement.parameters);
      }
      // Not a scan either way, but reading every week's rows to compare upper(symbol) took seconds
      // at five years: the lookup must seek each capture's rows by symbol.
      const lookup = [...capture.statements.values()].find((statement) =>
        /select distinct/i.test(statement.source),
      );
      const lookupPlan = lookup
        ? (connection.prepare(`explain query plan ${lookup.source}`).all(...lookup.parameters) as Array<{
            detail: string;
          }>)
        : [];
      connection.close();
      expect(planned).toBeGreaterThan(20);
      expect(scans).toEqual([]);
      // The rows are their own key (migration 0012): the plan names the primary key, not an index.
      expect(lookupPlan.map((row) => row.detail).join("\n")).toMatch(
        /SEARCH \w+ USING PRIMARY KEY \(capture_id=\? AND symbol=\?\)/,
      );
    },
  );
});

describe("integration", () => {
  it.runIf(process.env.SPINE_TEST_DATABASE_URL === undefined)(
    "answers a venue's history from an index alone, without a page per tier-week",
    async () => {
      const spine = await openOtcSpine({ backend: "sqlite" });
      cleanup = spine.cleanup;
      await backfillThreeWeeks(spine);
      const capture = captureStatements();
      try {
        for (const [name, params] of historyCalls) {
          expect((await runQuery(spine, name, params)).length, name).toBeGreaterThan(0);
        }
      } finally {
        capture.restore();
      }
      const connection = await openPlanConnection(spine.directory);
      const tables = tableRootPages(connection);
      const historyTables = ["otc_venue_share_rows"];
      const opened = [...capture.statements.values()].flatMap((statement) =>
        openedTables(connection, statement, tables)
          .filter((table) => historyTables.includes(table))
          .map((table) => `${table}: ${statement.source.slice(0, 300)}`),
      );
      connection.close();
      expect(opened).toEqual([]);
    },
  );
});

async function openPlanConnection(directory: string): Promise<PlanConnection> {
  const { readdirSync } = await import("node:fs");
  const { join } = await import("node:path");
  const Database = platformRequire("better-sqlite3") as new (
    path: string,
    options: { readonly: boolean },
  ) => PlanConnection;
  const file = readdirSync(directory).find((name) => name.endsWith(".db"));
  if (file === undefined) throw new Error(`no SQLite file in ${directory}`);
  return new Database(join(directory, file), { readonly: true });
}
