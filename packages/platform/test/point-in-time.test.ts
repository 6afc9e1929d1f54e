import { afterEach, describe, expect, it } from "vitest";
import type { Spine } from "../src/index.js";
import {
  capturedRows,
  createRollbackPipeline,
  defineCapturedTable,
  defineCaptures,
  defineDomain,
  defineMigration,
  definePartition,
  defineStageGraph,
  findCaptureAsOf,
  findLatestCapture,
  findStaleCaptures,
  latestViewSql,
  openCapture,
  openDerivedCapture,
  sql,
  withStaleFlags,
} from "../src/index.js";
import { manifestRow } from "./support/manifest-rows.js";
import { openTemporarySpine } from "./support/temporary-spine.js";

// A day's "load" is a published file (several revisions, each with its publisher's date); "sum"
// reads the day's load and the previous day's, like a two-day window.
const graph = defineStageGraph({
  partition: definePartition({
    fields: ["day"],
    order: { field: "day", advance: (day) => day },
    noun: "day",
  }),
  stages: ["load", "sum"],
});

const captures = defineCaptures({
  domain: "pit",
  graph,
  partitionLabel: (partition) => String(partition.day),
  tables: [defineCapturedTable({ name: "pit_rows", partitionColumns: ["day"] })],
});

const createRows = defineMigration({
  name: "0001_create_pit_rows",
  statements: (db) => [
    db.schema
      .createTable("pit_rows")
      .addColumn("capture_id", "text", (column) => column.notNull())
      .addColumn("day", "text", (column) => column.notNull())
      .addColumn("amount", "integer", (column) => column.notNull()),
    latestViewSql(captures, captures.tables[0] ?? defineCapturedTable({ name: "pit_rows" })),
  ],
});

const pitDomain = defineDomain({
  name: "pit",
  description: "A miniature domain of published revisions.",
  graph,
  pipelines: [
    createRollbackPipeline(captures, { name: "pit.rollback_capture", exampleCaptureId: "load:d:1" }),
  ],
  migrations: [createRows],
  queries: [],
});

let spine: Spine | undefined;
afterEach(async () => {
  await spine?.close();
  spine = undefined;
});

const context = (open: Spine) => ({ scope: open.database, executionId: "execution-1", batchId: "batch-1" });

async function publish(open: Spine, day: string, published: string, amount: number): Promise<string> {
  const captureId = await openCapture(context(open), captures, {
    partition: { day },
    stage: "load",
    source: { file: `${day}-${published}.csv`, sha256: null, revision: null, publicationDate: published },
    createdAt: "2026-01-01T00:00:00.000Z",
  });
  await sql`insert into pit_rows values (${captureId}, ${day}, ${amount})`.execute(open.database.db);
  return captureId;
}

async function sum(open: Spine, day: string, previousDay: string): Promise<string> {
  const read = async (target: string) => {
    const capture = await findLatestCapture(open.database, captures, {
      partition: { day: target },
      stage: "load",
    });
    if (!capture) throw new Error(`no load of ${target}`);
    return capture;
  };
  const [own, previous] = [await read(day), await read(previousDay)];
  const captureId = await openDerivedCapture(context(open), captures, own, {
    stage: "sum",
    createdAt: "2026-01-01T00:00:00.000Z",
    otherInputs: [previous.capture_id],
  });
  await sql`insert into pit_rows select ${captureId}, ${day}, sum(amount) from pit_rows
    where capture_id in (${own.capture_id}, ${previous.capture_id})`.execute(open.database.db);
  return captureId;
}

async function amounts(open: Spine, day: string, asOf?: string): Promise<number[]> {
  const rows = await open.database.db
    .selectFrom(
      capturedRows<{ capture_id: string; day: string; amount: number }, "r">(open.database.db, captures, {
        table: "pit_rows",
        alias: "r",
        asOf,
      }),
    )
    .select("r.amount")
    .where("r.day", "=", day)
    .orderBy("r.amount")
    .execute();
  return rows.map((row) => Number(row.amount));
}

describe("integration", () => {
  it("orders revisions by the publisher's dates: an older revision loaded later is kept but never latest", async () => {
    spine = await openTemporarySpine({ domains: [pitDomain] });
    await publish(spine, "2025-11-14", "2025-12-15", 10);
    await publish(spine, "2025-11-14", "2026-01-05", 20);
    const older = await publish(spine, "2025-11-14", "2025-12-15", 10);
    expect(older).toBe("load:2025-11-14:3");
    const latest = await findLatestCapture(spine.database, captures, {
      partition: { day: "2025-11-14" },
      stage: "load",
    });
    expect(latest?.capture_id).toBe("load:2025-11-14:2");
    expect(await amounts(spine, "2025-11-14")).toEqual([20]);
    // Equal dates: the later load (a forced re-run) wins.
    await publish(spine, "2025-11-14", "2026-01-05", 21);
    expect(await amounts(spine, "2025-11-14")).toEqual([21]);
  });

  it("records knowable dates and answers as of a date with what was knowable then", async () => {
    spine = await openTemporarySpine({ domains: [pitDomain] });
    await publish(spine, "2025-11-14", "2025-12-15", 10);
    await publish(spine, "2025-11-21", "2025-12-22", 5);
    const original = await sum(spine, "2025-11-21", "2025-11-14");
    await publish(spine, "2025-11-14", "2026-01-05", 20);
    const recomputed = await sum(spine, "2025-11-21", "2025-11-14");
    const knowable = await spine.database.db
      .selectFrom("core_captures")
      .select(["capture_id", "publication_date", "knowable_date"])
      .where("stage", "=", "sum")
      .orderBy("capture_id")
      .execute();
    expect(knowable).toEqual([
      { capture_id: original, publication_date: "2025-12-22", knowable_date: "2025-12-22" },
      { capture_id: recomputed, publication_date: "2025-12-22", knowable_date: "2026-01-05" },
    ]);
    expect(await amounts(spine, "2025-11-21")).toEqual([5, 25]);
    expect(await amounts(spine, "2025-11-21", "2025-12-31")).toEqual([5, 15]);
    expect(await amounts(spine, "2025-11-21", "2025-12-20")).toEqual([]);
    expect(await amounts(spine, "2025-11-14", "2025-12-31")).toEqual([10]);
    const asOf = await findCaptureAsOf(spine.database, captures, {
      partition: { day: "2025-11-21" },
      stage: "sum",
      asOf: "2026-01-04",
    });
    expect(asOf?.capture_id).toBe(original);
  });

  it("says which captures read an input that was superseded or rolled back", async () => {
    spine = await openTemporarySpine({ domains: [pitDomain] });
    await publish(spine, "2025-11-14", "2025-12-15", 10);
    await publish(spine, "2025-11-21", "2025-12-22", 5);
    const original = await sum(spine, "2025-11-21", "2025-11-14");
    expect((await findStaleCaptures(spine.database, captures, [original])).size).toBe(0);
    const republished = await publish(spine, "2025-11-14", "2026-01-05", 20);
    const stale = await findStaleCaptures(spine.database, captures, [original]);
    expect(stale.get(original)).toBe("its input load:2025-11-14:1 was superseded");
    // As of a date before the republication the original was current.
    expect((await findStaleCaptures(spine.database, captures, [original], { asOf: "2025-12-31" })).size).toBe(
      0,
    );
    const recomputed = await sum(spine, "2025-11-21", "2025-11-14");
    expect((await findStaleCaptures(spine.database, captures, [recomputed])).size).toBe(0);
    // A rollback removes what read the revision, windows included: the original sum is latest again.
    const rollback = await spine.dispatcher.submit("pit.rollback_capture", { capture_id: republished });
    expect(rollback.status, rollback.error ?? "").toBe("completed");
    expect(rollback.output).toMatchObject({ removed_derived_capture_ids: [recomputed] });
    const latest = await findLatestCapture(spine.database, captures, {
      partition: { day: "2025-11-21" },
      stage: "sum",
    });
    expect(latest?.capture_id).toBe(original);
    const flagged = await withStaleFlags(spine.database, captures, [{ capture_id: original }]);
    expect(flagged).toEqual([{ capture_id: original, stale: false }]);
  });

  it("takes a stale manifest entry of a variant only as its own partition's", async () => {
    spine = await openTemporarySpine({ domains: [pitDomain] });
    const load = await publish(spine, "2025-11-14", "2025-12-15", 10);
    const input = await findLatestCapture(spine.database, captures, {
      partition: { day: "2025-11-14" },
      stage: "load",
    });
    if (!input) throw new Error("no load");
    const weekly = await openDerivedCapture(context(spine), captures, input, {
      stage: "sum",
      variant: "w2",
      createdAt: "2026-01-01T00:00:00.000Z",
    });
    const manifestEntry = (day: string, stage: string, staleReason: string | null) =>
      manifestRow({ domain: "pit", partition: { day }, stage }, { staleReason });
    await spine.database.db
      .insertInto("core_manifest")
      .values([
        manifestEntry("2025-11-14", "load", null),
        manifestEntry("2025-11-14", "sum@w2", null),
        // Another day's entries of the same stage and variant, and of the default variant, are stale.
        manifestEntry("2025-11-21", "sum@w2", "a later window changed"),
        manifestEntry("2025-11-21", "load", "republished"),
      ])
      .execute();
    expect(await findStaleCaptures(spine.database, captures, [load, weekly])).toEqual(new Map());
    await spine.database.db
      .updateTable("core_manifest")
      .set({ stale_reason: "its input changed", stale_since: "2026-01-02T00:00:00.000Z" })
      .where("partition_key", "=", JSON.stringify({ day: "2025-11-14" }))
      .where("stage", "=", "sum@w2")
      .execute();
    expect(await findStaleCaptures(spine.database, captures, [load, weekly])).toEqual(
      new Map([[weekly, "its input changed"]]),
    );
  });
});
