import { mkdirSync, renameSync, unlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { SourceFileFactsOptions, Spine, SqlScope } from "../src/index.js";
import { createSilentLogger, createSourceFileFacts, sql } from "../src/index.js";
import { openTemporarySpine } from "./support/temporary-spine.js";
import { testBackend } from "./support/test-backend.js";

// Listing a folder of years of FINRA files read every file whole on every run, to learn the week
// its rows publish: 18 s for five years of files (780), before a one-week backfill.

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

// Files written "now" are racily clean and never remembered: the tests date theirs in the past.
function writeOld(path: string, content: string, seconds = 1_700_000_000): void {
  writeFileSync(path, content);
  utimesSync(path, seconds, seconds);
}

async function open() {
  spine = await openTemporarySpine();
  const options: SourceFileFactsOptions = {
    domain: "demo",
    folder: spine.directory,
    version: "1",
    write: true,
    logger: createSilentLogger(),
  };
  return { opened: spine, options };
}

async function rememberedPaths(scope: SqlScope): Promise<string[]> {
  const rows = await scope.db.selectFrom("core_source_file_facts").select("path").orderBy("path").execute();
  return rows.map((row) => row.path);
}

async function factsOnce(
  scope: SqlScope,
  options: SourceFileFactsOptions,
  path: string,
  read: (path: string) => Promise<unknown>,
) {
  const facts = await createSourceFileFacts(scope, options);
  const answer = await facts.factsOf(path, read);
  await facts.save();
  return answer;
}

describe("integration (source file facts remembered between runs)", () => {
  it("reads a file once, then again only when it changed or the rules' version did", async () => {
    const { opened, options } = await open();
    const path = join(opened.directory, "a.csv");
    writeOld(path, "one\n");
    const { reads, read } = countingReader();
    expect(await factsOnce(opened.database, options, path, read)).toEqual({ week: "week of a.csv" });
    expect(await factsOnce(opened.database, options, path, read)).toEqual({ week: "week of a.csv" });
    expect(reads).toEqual([path]);
    // Same size, another modification time.
    writeOld(path, "two\n", 1_700_000_100);
    await factsOnce(opened.database, options, path, read);
    expect(reads).toHaveLength(2);
    // Same size and modification time, but another file moved in (mv keeps times, not the inode).
    writeOld(join(opened.directory, "b.tmp"), "six\n", 1_700_000_100);
    renameSync(join(opened.directory, "b.tmp"), path);
    await factsOnce(opened.database, options, path, read);
    expect(reads).toHaveLength(3);
    // Other rules; another domain has a memory of its own.
    await factsOnce(opened.database, { ...options, version: "2" }, path, read);
    await factsOnce(opened.database, { ...options, domain: "other" }, path, read);
    expect(reads).toHaveLength(5);
  });

  it("keeps nothing from a failed read, a file written a moment ago, or a plan", async () => {
    const { opened, options } = await open();
    const path = join(opened.directory, "b.csv");
    writeOld(path, "b\n");
    const failing = async () => Promise.reject(new Error("unreadable"));
    await expect(factsOnce(opened.database, options, path, failing)).rejects.toThrow("unreadable");
    const { reads, read } = countingReader();
    await factsOnce(opened.database, { ...options, write: false }, path, read);
    const fresh = join(opened.directory, "fresh.csv");
    writeFileSync(fresh, "just downloaded\n");
    await factsOnce(opened.database, options, fresh, read);
    const rows = await opened.database.db.selectFrom("core_source_file_facts").select("path").execute();
    expect(rows).toEqual([]);
    expect(reads).toEqual([path, fresh]);
  });

  it("remembers a null answer like any other, and only files under the folder listed", async () => {
    const { opened, options } = await open();
    const path = join(opened.directory, "c.csv");
    writeOld(path, "c\n");
    let reads = 0;
    const nothing = async () => {
      reads += 1;
      return null;
    };
    expect(await factsOnce(opened.database, options, path, nothing)).toBeNull();
    expect(await factsOnce(opened.database, options, path, nothing)).toBeNull();
    expect(reads).toBe(1);
    await factsOnce(
      opened.database,
      { ...options, folder: join(opened.directory, "elsewhere") },
      path,
      nothing,
    );
    expect(reads).toBe(2);
  });

  it("forgets the facts of files gone from the folder, and only of that folder's files", async () => {
    const { opened, options } = await open();
    const [kept, removed] = [join(opened.directory, "kept.csv"), join(opened.directory, "removed.csv")];
    writeOld(kept, "k\n");
    writeOld(removed, "r\n");
    const { read } = countingReader();
    const facts = await createSourceFileFacts(opened.database, options);
    await facts.factsOf(kept, read);
    await facts.factsOf(removed, read);
    await facts.save();
    // The same file name in a subfolder, listed on its own: not a file of this folder.
    mkdirSync(join(opened.directory, "sub"));
    const nested = join(opened.directory, "sub", "removed.csv");
    writeOld(nested, "n\n");
    await factsOnce(opened.database, { ...options, folder: join(opened.directory, "sub") }, nested, read);
    unlinkSync(removed);
    unlinkSync(nested);
    // A plan writes nothing, so it forgets nothing either.
    await factsOnce(opened.database, { ...options, write: false }, kept, read);
    expect(await rememberedPaths(opened.database)).toEqual([kept, nested, removed].sort());
    await factsOnce(opened.database, options, kept, read);
    expect(await rememberedPaths(opened.database)).toEqual([kept, nested].sort());
  });

  it("still answers where the database cannot be written, reading every time", async () => {
    const { opened, options } = await open();
    const path = join(opened.directory, "d.csv");
    writeOld(path, "d\n");
    const db = opened.database.db;
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
    const readOnly = { ...opened.database, db: refused };
    const { reads, read } = countingReader();
    expect(await factsOnce(readOnly, options, path, read)).toEqual({ week: "week of d.csv" });
    await factsOnce(readOnly, options, path, read);
    expect(reads).toEqual([path, path]);
  });

  // SQLite goes on after a failed statement anyway; PostgreSQL aborts the transaction.
  it.runIf(testBackend === "postgres")(
    "keeps the caller's PostgreSQL transaction going when remembering fails inside it",
    async () => {
      const { opened, options } = await open();
      const path = join(opened.directory, "e.csv");
      writeOld(path, "e\n");
      await sql`create table marks (label text)`.execute(opened.database.db);
      await opened.database.transaction(async (scope) => {
        // A write the database refuses (a table that does not exist), as a read-only role would.
        const refusing = new Proxy(scope.db, {
          get(target, key) {
            if (key === "insertInto")
              return () => target.insertInto("missing_table" as "core_source_file_facts");
            const value = Reflect.get(target, key);
            return typeof value === "function" ? value.bind(target) : value;
          },
        });
        expect(await factsOnce({ ...scope, db: refusing }, options, path, async () => "read")).toBe("read");
        await sql`insert into marks values ('after')`.execute(scope.db);
      });
      const marks = await sql<{ label: string }>`select label from marks`.execute(opened.database.db);
      expect(marks.rows).toEqual([{ label: "after" }]);
    },
  );
});
