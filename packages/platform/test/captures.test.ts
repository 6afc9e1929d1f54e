import { afterEach, describe, expect, it } from "vitest";
import type { Spine } from "../src/index.js";
import {
  createCapturesQuery,
  createRollbackPipeline,
  defineCapturedTable,
  defineCaptures,
  defineDomain,
  defineMigration,
  definePartition,
  defineStageGraph,
  findLatestCapture,
  latestViewSql,
  openCapture,
  openDerivedCapture,
  readPartitionCoverage,
  setCaptureRowCount,
  sql,
} from "../src/index.js";
import { manifestRow } from "./support/manifest-rows.js";
import { openTemporarySpine } from "./support/temporary-spine.js";

// Days follow each other as text; the ledger has no window stage, so `advance` is never called.
const ledgerGraph = defineStageGraph({
  partition: definePartition({
    fields: ["day"],
    order: { field: "day", advance: (day) => day },
    noun: "day",
  }),
  stages: ["load", "sum"],
});

const captures = defineCaptures({
  domain: "ledger",
  graph: ledgerGraph,
  partitionLabel: (partition) => String(partition.day),
  tables: [defineCapturedTable({ name: "ledger_rows", partitionColumns: ["day"] })],
});

const createLedgerRows = defineMigration({
  name: "0001_create_ledger_rows",
  statements: (db) => [
    db.schema
      .createTable("ledger_rows")
      .addColumn("capture_id", "text", (column) => column.notNull())
      .addColumn("day", "text", (column) => column.notNull())
      .addColumn("amount", "integer", (column) => column.notNull()),
    latestViewSql(captures, captures.tables[0] ?? defineCapturedTable({ name: "ledger_rows" })),
  ],
});

const ledgerDomain = defineDomain({
  name: "ledger",
  description: "A miniature domain with captures.",
  graph: ledgerGraph,
  pipelines: [
    createRollbackPipeline(captures, { name: "ledger.rollback_capture", exampleCaptureId: "load:d:1" }),
  ],
  migrations: [createLedgerRows],
  queries: [createCapturesQuery(captures, { filters: {}, description: "Ledger captures." })],
});

let spine: Spine | undefined;
afterEach(async () => {
  await spine?.close();
  spine = undefined;
});

const runContext = (open: Spine) => ({
  scope: open.database,
  executionId: "execution-1",
  batchId: "batch-1",
});

async function load(open: Spine, day: string, amount: number): Promise<string> {
  const captureId = await openCapture(runContext(open), captures, {
    partition: { day },
    stage: "load",
    source: { file: `${day}.csv`, sha256: "a".repeat(64), revision: 1, publicationDate: day },
    details: { rule: "name" },
    createdAt: "2025-11-01T00:00:00.000Z",
  });
  await sql`insert into ledger_rows (capture_id, day, amount) values (${captureId}, ${day}, ${amount})`.execute(
    open.database.db,
  );
  await setCaptureRowCount(open.database, captureId, 1);
  return captureId;
}

async function latestAmounts(open: Spine, day: string): Promise<number[]> {
  const result = await sql<{
    amount: number;
  }>`select amount from ledger_rows_latest where day = ${day}`.execute(open.database.db);
  return result.rows.map((row) => Number(row.amount));
}

describe("integration", () => {
  it("numbers captures per partition and stage, and derived ones inherit their input's source", async () => {
    spine = await openTemporarySpine({ domains: [ledgerDomain] });
    expect(await load(spine, "2025-10-03", 1)).toBe("load:2025-10-03:1");
    expect(await load(spine, "2025-10-03", 2)).toBe("load:2025-10-03:2");
    expect(await load(spine, "2025-10-10", 3)).toBe("load:2025-10-10:1");
    const input = await findLatestCapture(spine.database, captures, {
      partition: { day: "2025-10-03" },
      stage: "load",
    });
    expect(input).toMatchObject({ capture_id: "load:2025-10-03:2", row_count: expect.anything() });
    if (!input) throw new Error("no latest capture");
    const derivedId = await openDerivedCapture(runContext(spine), captures, input, {
      stage: "sum",
      variant: "w2",
      createdAt: "2025-11-02T00:00:00.000Z",
      otherInputs: ["load:2025-10-10:1"],
    });
    expect(derivedId).toBe("sum:2025-10-03:w2:1");
    const derived = await findLatestCapture(spine.database, captures, {
      partition: { day: "2025-10-03" },
      stage: "sum",
      variant: "w2",
    });
    expect(derived).toMatchObject({
      input_capture_id: "load:2025-10-03:2",
      source_file: "2025-10-03.csv",
      source_revision: 1,
      publication_date: "2025-10-03",
      details: '{"rule":"name"}',
    });
    const inputs = await spine.database.db
      .selectFrom("core_capture_inputs")
      .select(["position", "input_capture_id"])
      .where("capture_id", "=", derivedId)
      .orderBy("position")
      .execute();
    expect(inputs.map((row) => row.input_capture_id)).toEqual(["load:2025-10-03:2", "load:2025-10-10:1"]);
    expect(await latestAmounts(spine, "2025-10-03")).toEqual([2]);
  });

  it("rolls back a capture with its rows and never hands its id out again", async () => {
    spine = await openTemporarySpine({ domains: [ledgerDomain] });
    await load(spine, "2025-10-03", 1);
    await load(spine, "2025-10-03", 2);
    const rollback = await spine.dispatcher.submit("ledger.rollback_capture", {
      capture_id: "load:2025-10-03:2",
    });
    expect(rollback.status, rollback.error ?? "").toBe("completed");
    expect(rollback.output).toMatchObject({
      removed_capture_id: "load:2025-10-03:2",
      day: "2025-10-03",
      was_latest: true,
      rows_removed: { ledger_rows: 1 },
      latest_capture_id: "load:2025-10-03:1",
    });
    expect(await latestAmounts(spine, "2025-10-03")).toEqual([1]);
    expect(await load(spine, "2025-10-03", 3)).toBe("load:2025-10-03:3");
    const listed = await spine.registry
      .getQuery("ledger.captures")
      .run({ scope: spine.database, logger: spine.logger }, {});
    expect(listed.map((row) => [row.capture_id, row.is_latest])).toEqual([
      ["load:2025-10-03:1", false],
      ["load:2025-10-03:3", true],
    ]);
  });

  it("fails a rollback of an unknown capture with NOT_FOUND", async () => {
    spine = await openTemporarySpine({ domains: [ledgerDomain] });
    await load(spine, "2025-10-03", 1);
    const rollback = await spine.dispatcher.submit("ledger.rollback_capture", {
      capture_id: "load:2025-10-03:9",
    });
    expect(rollback.errorCode).toBe("NOT_FOUND");
    expect(rollback.error).toContain("load:2025-10-03:1");
  });

  it("reads each partition's coverage from the manifest, latest captures and their runs' rejects", async () => {
    spine = await openTemporarySpine({ domains: [ledgerDomain] });
    const db = spine.database.db;
    await load(spine, "2025-10-10", 3);
    await load(spine, "2025-10-03", 1);
    const manifest = (day: string, stage: string) =>
      manifestRow({ domain: "ledger", partition: { day }, stage });
    // Stored out of graph order, and one partition known only to the manifest.
    await db
      .insertInto("core_manifest")
      .values([manifest("2025-10-03", "sum"), manifest("2025-10-03", "load"), manifest("2025-10-17", "load")])
      .execute();
    const reject = (executionId: string) => ({
      domain: "ledger",
      partition_key: '{"day":"2025-10-03"}',
      stage: "load",
      reason_code: "BAD",
      reason_detail: "bad line",
      line_number: 2,
      raw_record: null,
      source: null,
      execution_id: executionId,
      batch_id: null,
      created_at: "2025-11-01T00:00:00.000Z",
    });
    // The superseded run's reject does not describe the data in use.
    await db
      .insertInto("core_rejects")
      .values([reject("execution-1"), reject("execution-old")])
      .execute();
    const coverage = await readPartitionCoverage(spine.database, captures, {});
    expect(
      coverage.map((entry) => [
        entry.partition.day,
        entry.stagesDone,
        entry.latestCaptures.length,
        entry.rejects,
      ]),
    ).toEqual([
      ["2025-10-03", ["load", "sum"], 1, 1],
      ["2025-10-10", [], 1, 0],
      ["2025-10-17", ["load"], 0, 0],
    ]);
    const narrowed = await readPartitionCoverage(spine.database, captures, { day: "2025-10-10" });
    expect(narrowed.map((entry) => entry.latestCaptures[0]?.capture_id)).toEqual(["load:2025-10-10:1"]);
  });
});
