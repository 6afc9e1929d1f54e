import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createRecordHasher, hashRecordKey } from "./record-hasher.js";

const expectedHash = (key: string) => createHash("sha256").update(key).digest("hex").slice(0, 32);

function rowsWithKeys(count: number): unknown[][] {
  return Array.from({ length: count }, (_, index) => [
    "capture",
    index,
    `2025-10-03\u001fOTC\u001fS${index}\u001fMPID\u001f${index * 7}\u001f${index % 5}`,
  ]);
}

describe("unit", () => {
  it("hashes a record key to the first 32 hex digits of its sha256", () => {
    expect(hashRecordKey("2025-10-03\u001fOTC\u001fAAAA\u001fVONE\u001f100\u001f2")).toBe(
      expectedHash("2025-10-03\u001fOTC\u001fAAAA\u001fVONE\u001f100\u001f2"),
    );
  });

  it("replaces the last column by its hash, in place for a small batch and on the worker for a large one", async () => {
    const hasher = createRecordHasher();
    try {
      const small = rowsWithKeys(10);
      const large = rowsWithKeys(5000);
      const expected = (rows: unknown[][]) =>
        rows.map((row) => [row[0], row[1], expectedHash(String(row[2]))]);
      const smallExpected = expected(small);
      const largeExpected = expected(large);
      await Promise.all([hasher.hashLastColumn(large), hasher.hashLastColumn(small)]);
      expect(small).toEqual(smallExpected);
      expect(large).toEqual(largeExpected);
    } finally {
      await hasher.close();
    }
  });

  it("still hashes every batch after it is closed", async () => {
    const hasher = createRecordHasher();
    await hasher.hashLastColumn(rowsWithKeys(3000));
    await hasher.close();
    const rows = rowsWithKeys(3000);
    const expected = rows.map((row) => [row[0], row[1], expectedHash(String(row[2]))]);
    await hasher.hashLastColumn(rows);
    expect(rows).toEqual(expected);
  });

  it("hashes on the calling thread when no worker can be started", async () => {
    let attempts = 0;
    const hasher = createRecordHasher(() => {
      attempts += 1;
      throw new Error("ERR_ACCESS_DENIED");
    });
    const rows = rowsWithKeys(3000);
    const expected = rows.map((row) => [row[0], row[1], expectedHash(String(row[2]))]);
    await hasher.hashLastColumn(rows);
    const more = rowsWithKeys(2500);
    await hasher.hashLastColumn(more);
    expect(rows).toEqual(expected);
    expect(more[0]?.[2]).toBe(expectedHash(String(rowsWithKeys(1)[0]?.[2])));
    expect(attempts).toBe(1);
    await hasher.close();
  });

  it("hashes the pending batch on the calling thread when the worker dies", async () => {
    const { Worker } = await import("node:worker_threads");
    const hasher = createRecordHasher(() => new Worker("process.exit(3)", { eval: true }));
    const rows = rowsWithKeys(3000);
    const expected = rows.map((row) => [row[0], row[1], expectedHash(String(row[2]))]);
    await hasher.hashLastColumn(rows);
    expect(rows).toEqual(expected);
    await hasher.close();
  });
});
