import * as crypto from "node:crypto";
import { Worker } from "node:worker_threads";

// crypto.hash (Node >= 20.12) is the one-shot form, about twice as fast per short string.
const sha256Hex: (text: string) => string =
  typeof crypto.hash === "function"
    ? (text) => crypto.hash("sha256", text, "hex")
    : (text) => crypto.createHash("sha256").update(text).digest("hex");

/** A row's stored record_hash: the first 32 hex digits of the sha256 of its record key. */
export function hashRecordKey(key: string): string {
  return sha256Hex(key).slice(0, 32);
}

// Hashing a million record keys costs ~0.7 s of the ingest thread, which also parses and binds;
// the machine's other core does it instead. Plain CommonJS, so the worker needs no build step.
// Keys come from single lines, so "\n" never occurs in one and separates them.
const workerSource = `
const crypto = require("node:crypto");
const { parentPort } = require("node:worker_threads");
const hex = typeof crypto.hash === "function"
  ? (text) => crypto.hash("sha256", text, "hex")
  : (text) => crypto.createHash("sha256").update(text).digest("hex");
parentPort.on("message", ({ id, keys }) => {
  let hashes = "";
  for (const key of keys.split("\\n")) hashes += hex(key).slice(0, 32);
  parentPort.postMessage({ id, hashes });
});
`;

// Below this many keys a batch is hashed in place: not worth a thread. That includes the ~800-key
// batches of a 64 KB read (see read-lines.ts): on the 1M-row bench week, sending them to the worker
// cost 450 ms more CPU time than hashing in place and saved the ingest thread under 200 ms.
const minimumKeysForWorker = 2000;
const hashLength = 32;

/** Hashes record keys, on a worker thread for large batches (see {@link createRecordHasher}). */
export interface RecordHasher {
  /** Replaces the record key in the last column of every row by its hash. */
  hashLastColumn(rows: ReadonlyArray<unknown[]>): Promise<void>;
  /** Stops the worker; pending batches still resolve. */
  close(): Promise<void>;
}

interface Pending {
  readonly keys: readonly string[];
  readonly resolve: (hashes: readonly string[]) => void;
}

function hashInPlace(keys: readonly string[]): string[] {
  return keys.map(hashRecordKey);
}

function splitHashes(joined: string, count: number): string[] | null {
  if (joined.length !== count * hashLength) return null;
  return Array.from({ length: count }, (_, index) =>
    joined.slice(index * hashLength, (index + 1) * hashLength),
  );
}

function resolveAllInPlace(pending: Map<number, Pending>): void {
  for (const [id, request] of pending) {
    pending.delete(id);
    request.resolve(hashInPlace(request.keys));
  }
}

function resolveFromWorker(pending: Map<number, Pending>, id: number, hashes: string): void {
  const request = pending.get(id);
  if (request === undefined) return;
  pending.delete(id);
  request.resolve(splitHashes(hashes, request.keys.length) ?? hashInPlace(request.keys));
}

function listenToWorker(worker: Worker, pending: Map<number, Pending>, fallBack: () => void): Worker {
  worker.on("message", ({ id, hashes }: { id: number; hashes: string }) =>
    resolveFromWorker(pending, id, hashes),
  );
  worker.on("error", fallBack);
  worker.on("messageerror", fallBack);
  worker.on("exit", fallBack);
  return worker;
}

function lastColumnValues(rows: ReadonlyArray<unknown[]>): string[] {
  const keys = new Array<string>(rows.length);
  for (let index = 0; index < rows.length; index += 1) {
    const row = rows[index] as unknown[];
    keys[index] = String(row[row.length - 1]);
  }
  return keys;
}

function replaceLastColumns(rows: ReadonlyArray<unknown[]>, values: readonly string[]): void {
  for (let index = 0; index < rows.length; index += 1) {
    const row = rows[index] as unknown[];
    row[row.length - 1] = values[index];
  }
}

/**
 * A hasher for one ingest. The worker starts with the first large batch; if it cannot start or
 * fails, every pending and later batch is hashed on the calling thread, so a broken worker costs
 * time only. `createWorker` exists for tests.
 */
export function createRecordHasher(
  createWorker: () => Worker = () => new Worker(workerSource, { eval: true }),
): RecordHasher {
  let worker: Worker | null = null;
  let broken = false;
  let nextId = 0;
  const pending = new Map<number, Pending>();

  const fallBack = (): void => {
    broken = true;
    resolveAllInPlace(pending);
  };

  const hashKeys = (keys: readonly string[]): Promise<readonly string[]> => {
    if (broken || keys.length < minimumKeysForWorker) return Promise.resolve(hashInPlace(keys));
    try {
      worker ??= listenToWorker(createWorker(), pending, fallBack);
    } catch {
      // No worker here (a permission model without --allow-worker, say): hash on this thread.
      broken = true;
      return Promise.resolve(hashInPlace(keys));
    }
    const id = nextId++;
    const request = new Promise<readonly string[]>((resolve) => pending.set(id, { keys, resolve }));
    worker.postMessage({ id, keys: keys.join("\n") });
    return request;
  };

  return {
    async hashLastColumn(rows) {
      const hashes = await hashKeys(lastColumnValues(rows));
      replaceLastColumns(rows, hashes);
    },
    async close() {
      const stopping = worker;
      worker = null;
      broken = true;
      if (stopping !== null) await stopping.terminate();
    },
  };
}
