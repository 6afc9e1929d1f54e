import type { SqlScope } from "../database/spine-database.js";
import type { SideWrite } from "./side-write.js";

// A write runs between inserts only once its promise has settled (the queue never waits on one
// there) and runs once: each entry remembers both.
function createSideWrites(writes: ReadonlyArray<Promise<SideWrite>>) {
  const entries = writes.map((write) => {
    const entry = { write, settled: false, taken: false };
    // Also handles a rejection until the write is awaited where it runs.
    write.then(
      () => {
        entry.settled = true;
      },
      () => {
        entry.settled = true;
      },
    );
    return entry;
  });
  const take = (all: boolean) => {
    const taken = entries.filter((entry) => !entry.taken && (all || entry.settled));
    for (const entry of taken) entry.taken = true;
    return taken.map((entry) => entry.write);
  };
  return { ready: () => take(false), rest: () => take(true) };
}

async function runSideWrites(scope: SqlScope, writes: ReadonlyArray<Promise<SideWrite>>): Promise<void> {
  for (const write of writes) await (await write)(scope);
}

/**
 * One insert in flight at a time: while a backend whose inserts wait on a server (a COPY to
 * PostgreSQL) takes one, the next lines are read and converted. better-sqlite3 inserts
 * synchronously, so on SQLite nothing overlaps and nothing changes. Side writes that became ready
 * run just before the next insert, on the same scope (one statement at a time on a connection).
 */
export function createInsertQueue<Held>(
  scope: SqlScope,
  insert: (held: readonly Held[]) => Promise<number>,
  writesAlongside: ReadonlyArray<Promise<SideWrite>>,
) {
  const sideWrites = createSideWrites(writesAlongside);
  let inFlight: Promise<number> = Promise.resolve(0);
  let running = false;
  let written = 0;
  return {
    /** True while the last insert sent (or a side write before it) has not ended. */
    busy: (): boolean => running,
    /** Waits for the insert in flight (its failure is thrown here), then starts this one. */
    async send(held: readonly Held[]): Promise<void> {
      written += await inFlight;
      const ready = sideWrites.ready();
      running = true;
      inFlight = ready.length === 0 ? insert(held) : runSideWrites(scope, ready).then(() => insert(held));
      const ended = () => {
        running = false;
      };
      // Awaited by the next send, drain or settle: never an unhandled rejection in between.
      inFlight.then(ended, ended);
    },
    /** Waits for the last insert, then runs the side writes not run yet; the rows written. */
    async drain(): Promise<number> {
      written += await inFlight;
      inFlight = Promise.resolve(0);
      await runSideWrites(scope, sideWrites.rest());
      return written;
    },
    /** Waits for an insert still in flight after a failure, ignoring its outcome. */
    async settle(): Promise<void> {
      await inFlight.catch(() => 0);
    },
  };
}
