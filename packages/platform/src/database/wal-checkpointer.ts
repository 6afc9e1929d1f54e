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
  /** After each write transaction's commit: asks for a checkpoint (starting the thread the first time). */
  afterCommit(): void;
  /** Waits for a checkpoint in progress and closes the second connection; before the writer closes. */
  stop(): void;
}

// SQLite's default wal_autocheckpoint, restored on the writer when the thread cannot serve.
const automaticCheckpointPages = 1000;
// How long stop() waits for the thread to close its connection.
const stopTimeoutMs = 30_000;

// Plain CommonJS, so the worker needs no build step (and survives the CLI's bundling). The flag
// tells the writer's thread, blocked in stop(), that this connection is closed.
const checkpointerSource = `
const { parentPort, workerData } = require("node:worker_threads");
const closed = new Int32Array(workerData.closed);
const signalClosed = () => { Atomics.store(closed, 0, 1); Atomics.notify(closed, 0); };
let db;
try {
  const Database = require(workerData.modulePath);
  db = new Database(workerData.path, { fileMustExist: true });
} catch (error) {
  signalClosed();
  throw error;
}
let pending = false;
parentPort.on("message", (message) => {
  if (message === "stop") {
    db.close();
    signalClosed();
    parentPort.close();
    return;
  }
  if (pending) return;
  pending = true;
  setImmediate(() => {
    pending = false;
    try {
      db.pragma("wal_checkpoint(PASSIVE)");
    } catch (error) {
      parentPort.postMessage({ failed: String(error) });
    }
  });
});
`;

function betterSqlite3Path(): string {
  return createRequire(import.meta.url).resolve("better-sqlite3");
}

/**
 * Starts nothing until the first commit; then turns the writer's automatic checkpoint off and
 * leaves checkpoints to the thread. If the thread cannot open the file or a checkpoint fails, the
 * writer's automatic checkpoint comes back and the thread stops: the WAL never grows unchecked.
 * `modulePath` is better-sqlite3's entry (tests pass a broken one).
 */
export function createWalCheckpointer(
  connection: BetterSqlite3.Database,
  path: string,
  modulePath: string = betterSqlite3Path(),
): WalCheckpointer {
  const closed = new Int32Array(new SharedArrayBuffer(4));
  let worker: Worker | null = null;
  let state: "idle" | "running" | "failed" | "stopped" = "idle";
  const fallBack = () => {
    if (state !== "running") return;
    state = "failed";
    if (connection.open) connection.pragma(`wal_autocheckpoint = ${automaticCheckpointPages}`);
    worker?.postMessage("stop");
  };
  const start = () => {
    state = "running";
    connection.pragma("wal_autocheckpoint = 0");
    worker = new Worker(checkpointerSource, {
      eval: true,
      workerData: { path, modulePath, closed: closed.buffer },
    });
    worker.unref();
    worker.on("error", fallBack);
    // The thread speaks only to say a checkpoint failed.
    worker.on("message", fallBack);
  };
  return {
    afterCommit() {
      if (state === "idle") start();
      if (state === "running") worker?.postMessage("checkpoint");
    },
    stop() {
      const wasStarted = state === "running" || state === "failed";
      state = "stopped";
      if (!wasStarted) return;
      worker?.postMessage("stop");
      // Synchronous, as closing the writer is: its close checkpoints what is left and removes
      // the WAL only as the file's last connection.
      Atomics.wait(closed, 0, 0, stopTimeoutMs);
    },
  };
}
