import { utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Spine } from "../src/index.js";
import { createSilentLogger, createSourceFileFacts, sql } from "../src/index.js";
import { openTemporarySpine } from "./support/temporary-spine.js";

// Listing a folder of years of FINRA files read every file whole on every run, to learn the week
// its rows publish: 23 s for 780 files, for a backfill of one week.

let spine: (Spine & { directory: string }) | undefined;
afterEach(async () => {
  await spine?.close();
  spine = undefined;
});

function countingReader() {
  const reads: string[] = [];
  const read = async (path: string) => {
    reads.push(path);
    return { week: `week of ${path.slice(-5)}` };
  };
  return { reads, read };
}

const options = { domain: "demo", version: "1", logger: createSilentLogger() };

describe("integration (source file facts remembered between runs)", () => {
  it("reads a file once, then again only when its size, time or the rules' version change", async () => {
    spine = await openTemporarySpine();
    const path = join(spine.directory, "a.csv");
    writeFileSync(path, "one\n");
    utimesSync(path, 1_700_000_000, 1_700_000_000);
    const { reads, read } = countingReader();
    const first = await createSourceFileFacts(spine.database, options);
    expect(await first.factsOf(path, read)).toEqual({ week: "week of a.csv" });
    // A later run (a new memory over the same database) does not read the file.
    const later = await createSourceFileFacts(spine.database, options);
    expect(await later.factsOf(path, read)).toEqual({ week: "week of a.csv" });
    expect(reads).toEqual([path]);
    // Same size, another modification time: read again.
    writeFileSync(path, "two\n");
    utimesSync(path, 1_700_000_100, 1_700_000_100);
    await (await createSourceFileFacts(spine.database, options)).factsOf(path, read);
    expect(reads).toHaveLength(2);
    // Same time, another size: read again.
    writeFileSync(path, "three\n");
    utimesSync(path, 1_700_000_100, 1_700_000_100);
    await (await createSourceFileFacts(spine.database, options)).factsOf(path, read);
    expect(reads).toHaveLength(3);
    // Other rules: read again; another domain has a memory of its own.
    await (await createSourceFileFacts(spine.database, { ...options, version: "2" })).factsOf(path, read);
    await (await createSourceFileFacts(spine.database, { ...options, domain: "other" })).factsOf(path, read);
    expect(reads).toHaveLength(5);
  });

  it("remembers nothing from a failed read, and a null answer like any other", async () => {
    spine = await openTemporarySpine();
    const path = join(spine.directory, "b.csv");
    writeFileSync(path, "b\n");
    const facts = await createSourceFileFacts(spine.database, options);
    await expect(facts.factsOf(path, async () => Promise.reject(new Error("unreadable")))).rejects.toThrow(
      "unreadable",
    );
    let reads = 0;
    const nothing = async () => {
      reads += 1;
      return null;
    };
    expect(await facts.factsOf(path, nothing)).toBeNull();
    expect(await (await createSourceFileFacts(spine.database, options)).factsOf(path, nothing)).toBeNull();
    expect(reads).toBe(1);
  });

  it("still answers where the database cannot be written, reading every time", async () => {
    spine = await openTemporarySpine();
    const path = join(spine.directory, "c.csv");
    writeFileSync(path, "c\n");
    const db = spine.database.db;
    const refused = new Proxy(db, {
      get(target, key) {
        if (key === "insertInto")
          return () => {
            throw new Error("attempt to write a readonly database");
          };
        const value = Reflect.get(target, key);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const readOnly = { ...spine.database, db: refused };
    const { reads, read } = countingReader();
    expect(await (await createSourceFileFacts(readOnly, options)).factsOf(path, read)).toEqual({
      week: "week of c.csv",
    });
    await (await createSourceFileFacts(readOnly, options)).factsOf(path, read);
    expect(reads).toEqual([path, path]);
  });

  it("keeps the caller's transaction going when remembering fails inside it", async () => {
    const opened = await openTemporarySpine();
    spine = opened;
    const path = join(opened.directory, "d.csv");
    writeFileSync(path, "d\n");
    await sql`create table marks (label text)`.execute(opened.database.db);
    await opened.database.transaction(async (scope) => {
      // A write the database refuses (here: a table that does not exist), as a read-only role would.
      const refusing = new Proxy(scope.db, {
        get(target, key) {
          if (key === "insertInto")
            return () => target.insertInto("missing_table" as "core_source_file_facts");
          const value = Reflect.get(target, key);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
      const facts = await createSourceFileFacts({ ...scope, db: refusing }, options);
      expect(await facts.factsOf(path, async () => "read")).toBe("read");
      await sql`insert into marks values ('after')`.execute(scope.db);
    });
    const marks = await sql<{ label: string }>`select label from marks`.execute(opened.database.db);
    expect(marks.rows).toEqual([{ label: "after" }]);
  });
});
