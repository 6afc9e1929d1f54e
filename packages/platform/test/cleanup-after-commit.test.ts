import { describe, expect, it } from "vitest";
import type { LockManager, Logger, Spine, SpineDatabase } from "../src/index.js";
import { createSpine, createTableLockManager, loadSettings } from "../src/index.js";
import { useCleanups } from "./support/scratch-database.js";
import { createTemporaryDirectory } from "./support/temporary-spine.js";
import { createTestDatabaseLocation } from "./support/test-backend.js";
import { demoDomain } from "./support/test-domain.js";

const cleanups = useCleanups();

// What a full disk does to a write just after a stage's commit: every later release fails.
function failingRelease(inner: LockManager, stripWithin: boolean): LockManager {
  return {
    async acquire(key, executionId, timeoutMs) {
      const handle = await inner.acquire(key, executionId, timeoutMs);
      const release = async () => {
        throw new Error("database or disk is full");
      };
      return stripWithin || !handle.releaseWithin
        ? { release }
        : { release, releaseWithin: handle.releaseWithin };
    },
  };
}

function recordingLogger(warnings: string[]): Logger {
  const logger: Logger = {
    debug: () => {},
    info: () => {},
    warn: (message) => warnings.push(message),
    error: () => {},
    child: () => logger,
  };
  return logger;
}

async function open(locks: (database: SpineDatabase) => LockManager, warnings: string[]): Promise<Spine> {
  const directory = createTemporaryDirectory();
  cleanups.push(directory.remove);
  const target = await createTestDatabaseLocation(directory.path);
  cleanups.push(target.drop);
  const spine = await createSpine({
    settings: loadSettings(target.settings, {}),
    domains: [demoDomain],
    logger: recordingLogger(warnings),
    locks,
  });
  cleanups.push(() => spine.close());
  await spine.migrate();
  return spine;
}

// Issue #13, failure 4: a full disk while releasing the lock just after the commit ended in exit
// 70 and left a lock row and a `running` execution, though the stage's data was committed.
describe("integration", () => {
  it("completes a committed stage whose lock and execution are settled by the commit itself", async () => {
    const warnings: string[] = [];
    const spine = await open(
      (database) => failingRelease(createTableLockManager(database.db), false),
      warnings,
    );
    const run = await spine.dispatcher.submit("demo.load", { day: "2025-01-01", rows: 2 });
    expect(run.status).toBe("completed");
    expect(await spine.database.db.selectFrom("core_locks").selectAll().execute()).toEqual([]);
    const stored = await spine.database.db
      .selectFrom("core_executions")
      .select(["status", "finished_at"])
      .where("id", "=", run.id)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe("completed");
    expect(stored.finished_at).toBe(run.finishedAt);
    expect(warnings).toEqual([]);
  });

  it("reports completed with a warning when a lock kept outside the database cannot be released", async () => {
    const warnings: string[] = [];
    const spine = await open(
      (database) => failingRelease(createTableLockManager(database.db), true),
      warnings,
    );
    const run = await spine.dispatcher.submit("demo.load", { day: "2025-01-02", rows: 2 });
    expect(run.status).toBe("completed");
    expect(warnings).toEqual([
      "cleanup failed: the partition lock could not be released; it is freed when this process exits",
    ]);
    const stored = await spine.database.db
      .selectFrom("core_executions")
      .select("status")
      .where("id", "=", run.id)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe("completed");
  });
});
