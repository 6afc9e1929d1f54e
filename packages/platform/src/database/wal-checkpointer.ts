import { once } from "node:events";
import { statSync } from "node:fs";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type BetterSqlite3 from "better-sqlite3";

/**
 * Checkpoints a SQLite file's WAL on a second connection in a worker thread, so the copying of
 * committed pages into the database file overlaps the writer's next statements instead of
 * stopping it at every commit (SQLite's automatic checkpoint runs inside the commit that crosses
 * 1,000 pages: about a second of a million-row week).
 */
export interface WalCheckpointer {
  /**
   * Before each write transaction: turns the writer's automatic checkpoint off (once), so not even
   * the first large commit stalls on one; the thread takes over when {@link afterCommit} starts it.
   */
  beforeWrite(): void;
  /**
   * After each write transaction's commit: asks for a checkpoint, starting the thread once the WAL
   * has grown past {@link checkpointThreadWalBytes} (below it, the writer's close checkpoints).
   */
  afterCommit(): void;
  /** Waits for a checkpoint in progress and closes the second connection; before the writer closes. */
  stop(): Promise<void>;
  /** Asks the thread to stop without waiting (a writer closed without {@link stop}). */
  abandon(): void;
}

/** The WAL size at which a connection's checkpoints move to the thread: a bulk load, not a status write. */
export const checkpointThreadWalBytes = 4 * 1024 * 1024;

// SQLite's default wal_autocheckpoint, restored on the writer when the thread cannot serve.
const automaticCheckpointPages = 1000;

// Plain CommonJS, so the worker needs no build step (and survives the CLI's bundling). It closes
// its connection and ends when asked to stop; its one checkpoint statement is prepared once.
const checkpointerSource = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.modulePath);
const db = new Database(workerData.path, { fileMustExist: true });
const checkpoint = db.prepare("pragma wal_checkpoint(PASSIVE)");
let pending = false;
parentPort.on("message", (message) => {
  if (message === "stop") {
    db.close();
    parentPort.close();
    return;
  }
  if (pending) return;
  pending = true;
  setImmediate(() => {
    pending = false;
    if (!db.open) return;
    try {
      checkpoint.all();
    } catch (error) {
      parentPort.postMessage({ failed: String(error) });
    }
  });
});
`;

function betterSqlite3Path(): string {
  return createRequire(import.meta.url).resolve("better-sqlite3");
}

function walBytes(path: string): number {
  try {
    return statSync(`${path}-wal`).size;
  } catch {
    return 0;
  }
}

/**
 * Turns the writer's automatic checkpoint off at its first write, and starts the thread once a
 * commit leaves the WAL past {@link checkpointThreadWalBytes}; checkpoints are then the thread's. If the thread cannot
 * open the file or a checkpoint fails, the writer's automatic checkpoint comes back and the thread
 * ends: the WAL never grows unchecked. `modulePath` is better-sqlite3's entry (tests pass a broken one).
 */
export function createWalCheckpointer(
  connection: BetterSqlite3.Database,
  path: string,
  modulePath: string = betterSqlite3Path(),
): WalCheckpointer {
  let worker: Worker | null = null;
  let exited: Promise<unknown> = Promise.resolve();
  let state: "idle" | "running" | "failed" | "stopped" = "idle";
  let automaticOff = false;
  const fallBack = () => {
    if (state !== "running") return;
    state = "failed";
    if (connection.open) connection.pragma(`wal_autocheckpoint = ${automaticCheckpointPages}`);
    worker?.postMessage("stop");
  };
  const start = () => {
    state = "running";
    const started = new Worker(checkpointerSource, { eval: true, workerData: { path, modulePath } });
    worker = started;
    exited = once(started, "exit").catch(() => undefined);
    started.unref();
    started.on("error", fallBack);
    // The thread speaks only to say a checkpoint failed.
    started.on("message", fallBack);
  };
  return {
    beforeWrite() {
      if (state !== "idle" || automaticOff) return;
      automaticOff = true;
      connection.pragma("wal_autocheckpoint = 0");
    },
    afterCommit() {
      if (state === "idle" && walBytes(path) >= checkpointThreadWalBytes) start();
      if (state === "running") worker?.postMessage("checkpoint");
    },
    async stop() {
      state = "stopped";
      // Referenced while it is waited for: an unreferenced thread would let the process end with
      // this wait unsettled (exit code 13 under a top-level await).
      worker?.ref();
      worker?.postMessage("stop");
      await exited;
    },
    abandon() {
      state = "stopped";
      worker?.postMessage("stop");
    },
  };
}
