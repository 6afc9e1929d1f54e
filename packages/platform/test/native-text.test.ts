import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { openSqliteDatabase } from "../src/database/open-sqlite-database.js";
import type { SpineDatabase } from "../src/database/spine-database.js";

// The native text functions against a plain JavaScript statement of what they promise (see
// native/spine-text.c). The tests open with nativeExtension "on": an unbuilt extension fails here
// with the reason instead of passing by skipping.

let database: SpineDatabase | undefined;
let directory: string | undefined;

afterEach(async () => {
  await database?.close();
  if (directory) rmSync(directory, { recursive: true, force: true });
  database = undefined;
  directory = undefined;
});

function open(nativeExtension: "on" | "off" = "on"): SpineDatabase {
  directory = mkdtempSync(join(tmpdir(), "spine-native-"));
  database = openSqliteDatabase({ path: join(directory, "native.db"), busyTimeoutMs: 1000, nativeExtension });
  return database;
}

interface ReferenceLine {
  line_number: number;
  plain: number;
  line_start: number;
  line_end: number;
  fields: string[];
}

// Lines end at LF, CRLF or a lone CR; a final line without an ending counts when not empty.
function referenceLines(
  data: Buffer,
  fieldCount: number,
  firstLine: number,
  plainFrom: number,
): ReferenceLine[] {
  const bounds: Array<[number, number]> = [];
  let start = 0;
  let index = 0;
  while (index < data.length) {
    const byte = data[index];
    if (byte === 0x0a || byte === 0x0d) {
      bounds.push([start, index]);
      index += byte === 0x0d && data[index + 1] === 0x0a ? 2 : 1;
      start = index;
    } else index += 1;
  }
  if (start < data.length) bounds.push([start, data.length]);
  return bounds.map(([lineStart, lineEnd], position) => {
    const bytes = [...data.subarray(lineStart, lineEnd)];
    const fields = data.subarray(lineStart, lineEnd).toString("latin1").split("|");
    const lineNumber = firstLine + position;
    const plain =
      lineNumber >= plainFrom &&
      bytes.every((byte) => byte >= 0x20 && byte <= 0x7e && byte !== 0x22) &&
      fields.length === fieldCount &&
      fields.every((field) => field !== "" && !field.startsWith(" ") && !field.endsWith(" "));
    return {
      line_number: lineNumber,
      plain: plain ? 1 : 0,
      line_start: lineStart,
      line_end: lineEnd,
      fields: plain ? fields : [],
    };
  });
}

const isWholeNumber = (text: string) => /^(0|[1-9][0-9]{0,14})$/.test(text);

function referenceRuns(lines: ReferenceLine[], keys: number[], wholeNumberFields: number[]) {
  const runs: Array<Record<string, unknown>> = [];
  let current: Record<string, unknown> | null = null;
  for (const line of lines) {
    const key = keys.map((field) => line.fields[field - 1] ?? null);
    const whole =
      line.plain === 1 && wholeNumberFields.every((field) => isWholeNumber(line.fields[field - 1] ?? ""));
    const joins =
      current !== null &&
      line.plain === 1 &&
      current.plain === 1 &&
      keys.every((_, index) => current?.[`key_${index + 1}`] === key[index]);
    if (current !== null && joins) {
      current.line_count = Number(current.line_count) + 1;
      current.whole_number_lines = Number(current.whole_number_lines) + (whole ? 1 : 0);
      current.line_end = line.line_end;
      continue;
    }
    current = {
      plain: line.plain,
      line_number: line.line_number,
      line_count: 1,
      whole_number_lines: whole ? 1 : 0,
      line_start: line.line_start,
      line_end: line.line_end,
      key_1: null,
      key_2: null,
      key_3: null,
      key_4: null,
    };
    keys.forEach((_, index) => {
      if (current) current[`key_${index + 1}`] = line.plain === 1 ? key[index] : null;
    });
    runs.push(current);
  }
  return runs;
}

// Random text made mostly of three-field lines, with every byte the functions treat specially.
function randomData(seed: number): Buffer {
  let state = seed;
  const next = (limit: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % limit;
  };
  const pieces = [
    "A",
    "b",
    "7",
    "0",
    "00",
    "12",
    " ",
    "|",
    '"',
    "\r",
    "\n",
    "\r\n",
    "\t",
    "\u0000",
    "é",
    "\uFEFF",
    "x y",
    "2025-11-03",
  ];
  const parts: Buffer[] = [];
  for (let line = 0; line < 40; line += 1) {
    if (next(4) === 0) {
      const length = next(8);
      for (let index = 0; index < length; index += 1)
        parts.push(Buffer.from(pieces[next(pieces.length)] ?? ""));
    } else {
      const fields = Array.from({ length: 3 }, () => ["A", "b7", "0", "12", "007", "2025-11-03"][next(6)]);
      parts.push(Buffer.from(fields.join("|")));
    }
    if (next(9) === 0) parts.push(Buffer.from([0xff, 0xc3]));
    parts.push(Buffer.from(["\n", "\r\n", "\r", "\n"][next(4)] ?? "\n"));
  }
  if (next(2) === 0) parts.pop();
  return Buffer.concat(parts);
}

describe("integration", () => {
  // Both compressions: the x86 SHA extensions where the CPU has them, and the portable code.
  for (const implementation of ["default", "portable"] as const) {
    it(`computes sha256 as node:crypto does, over its arguments' UTF-8 bytes concatenated (${implementation})`, async () => {
      if (implementation === "portable") process.env.SPINE_SHA256 = "portable";
      try {
        const db = open();
        // Every length around the 55- and 64-byte block boundaries of the padding, and several blocks.
        for (let length = 0; length <= 130; length += 1) {
          const text = "é|".repeat(length).slice(0, length);
          const result = await sql<{ hex: string }>`select spine_sha256_hex(${text}) as hex`.execute(db.db);
          expect(result.rows[0]?.hex, `length ${length}`).toBe(
            createHash("sha256").update(text).digest("hex"),
          );
        }
        const parts = await sql<{
          hex: string;
        }>`select spine_sha256_hex('2025-10-03', ${"\u001f"}, 'AAPL', 7) as hex`.execute(db.db);
        expect(parts.rows[0]?.hex).toBe(createHash("sha256").update("2025-10-03\u001fAAPL7").digest("hex"));
        const empty = await sql<{ hex: string | null }>`select spine_sha256_hex('a', null) as hex`.execute(
          db.db,
        );
        expect(empty.rows[0]?.hex).toBeNull();
      } finally {
        delete process.env.SPINE_SHA256;
      }
    });
  }

  it("splits lines at LF, CRLF and CR and marks exactly the plain ones, with their fields", async () => {
    const db = open();
    for (let seed = 1; seed <= 60; seed += 1) {
      const data = randomData(seed);
      const result = await sql<Record<string, unknown>>`
        select line_number, plain, line_start, line_end, field_1, field_2, field_3, field_4
        from spine_delimited_lines(${data}, '|', 3, 5, 7)`.execute(db.db);
      const expected = referenceLines(data, 3, 5, 7).map((line) => ({
        line_number: line.line_number,
        plain: line.plain,
        line_start: line.line_start,
        line_end: line.line_end,
        field_1: line.fields[0] ?? null,
        field_2: line.fields[1] ?? null,
        field_3: line.fields[2] ?? null,
        field_4: null,
      }));
      expect(result.rows, `seed ${seed}`).toEqual(expected);
    }
  });

  it("collapses runs of plain lines with equal keys and counts their whole numbers", async () => {
    const db = open();
    for (let seed = 1; seed <= 60; seed += 1) {
      const data = randomData(seed);
      const result = await sql<Record<string, unknown>>`
        select plain, line_number, line_count, whole_number_lines, line_start, line_end, key_1, key_2, key_3, key_4
        from spine_delimited_runs(${data}, '|', 3, 1, 2, '1', '2,3')`.execute(db.db);
      expect(result.rows, `seed ${seed}`).toEqual(referenceRuns(referenceLines(data, 3, 1, 2), [1], [2, 3]));
    }
  });

  it("returns its arguments from the hidden columns, so a second constraint on one keeps every row", async () => {
    const db = open();
    const data = Buffer.from("a|b\nc|d\n");
    const lines = await sql<{
      n: number;
    }>`select count(*) as n from spine_delimited_lines(${data}, '|', 2, 1, 1)
      where data = ${data} and field_count = 2`.execute(db.db);
    expect(lines.rows[0]?.n).toBe(2);
    const runs = await sql<{
      n: number;
    }>`select count(*) as n from spine_delimited_runs(${data}, '|', 2, 1, 1, '1', '')
      where key_fields = '1'`.execute(db.db);
    expect(runs.rows[0]?.n).toBe(2);
  });

  it("keeps every line of a file that has no line ending at all", async () => {
    const db = open();
    const result = await sql<{ line_count: number }>`
      select sum(line_count) as line_count from spine_delimited_runs(${Buffer.from("a|b\ra|b\r\na|b")}, '|', 2, 1, 1, '1', '')`.execute(
      db.db,
    );
    expect(result.rows[0]?.line_count).toBe(3);
  });

  it("names what was expected for a bad argument", async () => {
    const db = open();
    const data = Buffer.from("a|b\n");
    await expect(
      sql`select * from spine_delimited_lines(${data}, '||', 2, 1, 1)`.execute(db.db),
    ).rejects.toThrow(/delimiter must be one printable ASCII character/);
    await expect(
      sql`select * from spine_delimited_lines(${data}, '|', 17, 1, 1)`.execute(db.db),
    ).rejects.toThrow(/field_count must be 1 to 16/);
    await expect(sql`select * from spine_delimited_lines(${data}, '|', 2, 1)`.execute(db.db)).rejects.toThrow(
      /expected 5 arguments/,
    );
    await expect(
      sql`select * from spine_delimited_runs(${data}, '|', 2, 1, 1, '3', '')`.execute(db.db),
    ).rejects.toThrow(/key_fields must list 1 to 4 field numbers/);
    await expect(sql`select * from spine_delimited_lines(null, '|', 2, 1, 1)`.execute(db.db)).rejects.toThrow(
      /data must be a blob or text/,
    );
  });

  it("groups and sums as GROUP BY with min() and sum() does, without sorting", async () => {
    const db = open();
    await sql`create table grouped (key text, label text, a integer, b integer)`.execute(db.db);
    let state = 7;
    // The high bits: a power-of-two LCG's low bits repeat with a short period.
    const next = (below: number) => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return Math.floor((state / 2147483648) * below);
    };
    const keys = [null, "MMAA", "MMab", "MMZZ", "é", 'q"\\\n', "\u0001x", "MMAA "];
    const labels = [null, "Zeta", "alpha", "Alpha", "Ärger", 'say "hi"\\', "tab\there", ""];
    const rows = Array.from({ length: 3000 }, () => [
      keys[next(keys.length)] ?? null,
      labels[next(labels.length)] ?? null,
      next(1_000_000) - 1000,
      next(50),
    ]);
    await db.bulkInsert("grouped", ["key", "label", "a", "b"], rows);
    const native = await sql<Record<string, unknown>>`
      select value ->> 0 as key, value ->> 1 as label, value ->> 2 as rows, value ->> 3 as a, value ->> 4 as b
      from json_each((select spine_group_sums(key, label, a, b) from grouped)) order by cast(json_each.key as integer)`.execute(
      db.db,
    );
    const grouped = await sql<Record<string, unknown>>`
      select key, min(label) as label, count(*) as rows, sum(a) as a, sum(b) as b from grouped group by key order by key`.execute(
      db.db,
    );
    expect(native.rows).toEqual(grouped.rows);
    expect(native.rows).toHaveLength(keys.length);
    const empty = await sql<{
      groups: string;
    }>`select spine_group_sums(key, label, a) as groups from grouped where 0`.execute(db.db);
    expect(empty.rows[0]?.groups).toBe("[]");
  });

  it("fails on a sum that overflows and on a value that is not an integer", async () => {
    const db = open();
    await sql`create table grouped (key text, a)`.execute(db.db);
    await sql`insert into grouped values ('k', 9223372036854775807), ('k', 1)`.execute(db.db);
    await expect(sql`select spine_group_sums(key, null, a) from grouped`.execute(db.db)).rejects.toThrow(
      /integer overflow/,
    );
    await sql`delete from grouped`.execute(db.db);
    await sql`insert into grouped values ('k', 1.5)`.execute(db.db);
    await expect(sql`select spine_group_sums(key, null, a) from grouped`.execute(db.db)).rejects.toThrow(
      /every value must be an integer/,
    );
    await expect(sql`select spine_group_sums(key, null) from grouped`.execute(db.db)).rejects.toThrow(
      /takes a key, a label and 1 to 8 values/,
    );
    // GROUP BY keeps 1, '1' and x'31' apart and min() compares by type: only text keys and labels.
    await expect(sql`select spine_group_sums(1, null, 1)`.execute(db.db)).rejects.toThrow(
      /the key and the label must be text or NULL/,
    );
    await expect(sql`select spine_group_sums('k', x'31', 1)`.execute(db.db)).rejects.toThrow(
      /the key and the label must be text or NULL/,
    );
  });

  it("reports whether the extension is loaded and leaves it out when switched off", async () => {
    const on = open();
    expect(on.nativeText).toBe(true);
    expect((await on.describe()).settings.native_text).toBe("loaded");
    await on.close();
    const off = openSqliteDatabase({
      path: join(directory ?? "", "off.db"),
      busyTimeoutMs: 1000,
      nativeExtension: "off",
    });
    database = off;
    expect(off.nativeText).toBe(false);
    expect((await off.describe()).settings.native_text).toBe("off");
    await expect(sql`select spine_sha256_hex('a')`.execute(off.db)).rejects.toThrow(/no such function/);
  });
});
