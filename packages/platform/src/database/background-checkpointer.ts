import { statSync } from "node:fs";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

// A WAL checkpoint copies every page a transaction wrote from the -wal file into the database
// file. SQLite runs it inside the COMMIT that crosses wal_autocheckpoint, so a stage that wrote a
// million rows paid ~0.5 s at its commit while the second core sat idle. The checkpointer runs it
// on its own connection in a worker thread instead, overlapping the next stage's work. A PASSIVE
// checkpoint never blocks readers or the writer; what it cannot copy yet it leaves for the next.

/** WAL size (bytes) past which a commit hands a checkpoint to the worker: SQLite's default 1000 pages of 16 KB. */
export const backgroundCheckpointBytes = 16 * 1024 * 1024;

// Plain CommonJS so the worker needs no build step: it opens the file and checkpoints on request.
const workerSource = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driverPath);
const connection = new Database(workerData.path);
connection.pragma("busy_timeout = " + workerData.busyTimeoutMs);
parentPort.on("message", (message) => {
  if (message === "close") {
    connection.close();
    parentPort.close();
    return;
  }
  try {
    connection.pragma("wal_checkpoint(PASSIVE)");
    parentPort.postMessage({ ok: true });
  } catch (error) {
    parentPort.postMessage({ ok: false, message: String(error) });
  }
});
`;

/** Checkpoints a SQLite database's WAL off the main thread (see {@link createBackgroundCheckpointer}). */
export interface BackgroundCheckpointer {
  /** Call after each commit: starts a checkpoint when the WAL has grown past the threshold. */
  afterCommit(): void;
  /** Waits for a running checkpoint and stops the worker; the caller then closes its connection. */
  close(): Promise<void>;
}

/** Options for {@link createBackgroundCheckpointer}. */
export interface BackgroundCheckpointerOptions {
  readonly path: string;
  readonly busyTimeoutMs: number;
  /** Runs a checkpoint on the caller's connection: the fallback when the worker cannot run. */
  readonly checkpointHere: () => void;
  readonly thresholdBytes?: number;
  /** The better-sqlite3 module the worker loads; tests point it elsewhere to make the worker fail. */
  readonly driverPath?: string;
}

/**
 * A checkpointer for one database file. The worker starts on the first commit that leaves a large
 * WAL, so short-lived connections (most tests, `spine list`) never start a thread.
 */
export function createBackgroundCheckpointer(options: BackgroundCheckpointerOptions): BackgroundCheckpointer {
  const threshold = options.thresholdBytes ?? backgroundCheckpointBytes;
  let worker: Worker | null = null;
  let running: Promise<void> | null = null;
  let failed = false;
  let exited = false;

  const walBytes = (): number => {
    try {
      return statSync(`${options.path}-wal`).size;
    } catch {
      return 0;
    }
  };

  const startWorker = (): Worker => {
    const started = new Worker(workerSource, {
      eval: true,
      workerData: {
        path: options.path,
        busyTimeoutMs: options.busyTimeoutMs,
        driverPath: options.driverPath ?? createRequire(import.meta.url).resolve("better-sqlite3"),
      },
    });
    // A worker that dies while idle must not crash the process: checkpoints fall back instead.
    started.on("error", () => {
      failed = true;
    });
    started.once("exit", () => {
      exited = true;
      failed = true;
    });
    return started;
  };

  const checkpointInWorker = (target: Worker): Promise<void> =>
    new Promise((resolve) => {
      const settle = (reply: { ok: boolean } | Error) => {
        target.off("message", settle);
        target.off("error", settle);
        // A worker that cannot checkpoint (no native module in this thread, say) is not retried:
        // from then on the caller's own connection checkpoints, as SQLite would have.
        if (reply instanceof Error || !reply.ok) failed = true;
        // An idle worker must not keep the process alive if the caller never closes.
        target.unref();
        resolve();
      };
      target.on("message", settle);
      target.on("error", settle);
      target.ref();
      target.postMessage("checkpoint");
    });

  return {
    afterCommit() {
      if (running !== null || walBytes() < threshold) return;
      if (failed) {
        options.checkpointHere();
        return;
      }
      worker ??= startWorker();
      running = checkpointInWorker(worker).finally(() => {
        running = null;
      });
    },
    async close() {
      await running;
      const stopping = worker;
      worker = null;
      if (stopping === null || exited) return;
      stopping.ref();
      await new Promise<void>((resolve) => {
        stopping.once("exit", () => resolve());
        stopping.postMessage("close");
      });
    },
  };
}
