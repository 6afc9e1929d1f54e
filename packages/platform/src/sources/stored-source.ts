import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Worker } from "node:worker_threads";
import { createGunzip } from "node:zlib";
import type { SqlScope } from "../database/spine-database.js";
import { SpineError } from "../errors/spine-error.js";
import type { SideWrite } from "../ingest/side-write.js";
import type { SqlCapabilities } from "../sql/sql-capabilities.js";
import { sourceReadError } from "./source-read-error.js";

/** A source file compressed for storing, with the sha256 and size of the bytes that were read. */
export interface CompressedSource {
  readonly sha256: string;
  readonly byteCount: number;
  readonly content: Buffer;
}

// Reading, hashing and compressing a week's file on a worker thread, beside the ingest thread's
// parse. That core is not free (a backend server or the other stages want it), so zlib's level 3:
// a million-row week (80 MB) in 0.36 s of CPU to 10.2 MB, where level 6 takes 0.58 s for 9.4 MB.
// With the read and the sha256 the thread takes 0.8-1.0 s of CPU; without `compress` it only reads
// and hashes, 0.3 s.
// Plain CommonJS, so the worker needs no build step (and survives bundling).
const sourceReaderSource = `
const { createHash } = require("node:crypto");
const { createReadStream } = require("node:fs");
const { createGzip } = require("node:zlib");
const { parentPort, workerData } = require("node:worker_threads");
const hash = createHash("sha256");
const chunks = [];
let byteCount = 0;
const input = createReadStream(workerData.path, { highWaterMark: 1 << 20 });
const answer = () => {
  const content = Buffer.concat(chunks);
  const bytes = content.buffer.slice(content.byteOffset, content.byteOffset + content.length);
  parentPort.postMessage({ sha256: hash.digest("hex"), byteCount, content: bytes }, [bytes]);
};
input.on("data", (chunk) => { hash.update(chunk); byteCount += chunk.length; });
input.on("error", (error) => parentPort.postMessage({ error: { message: error.message, code: error.code } }));
if (workerData.compress) {
  const gzip = createGzip({ level: 3 });
  gzip.on("data", (chunk) => chunks.push(chunk));
  gzip.on("end", answer);
  input.pipe(gzip);
} else {
  input.on("end", answer);
}
`;

interface SourceReadAnswer {
  readonly sha256?: string;
  readonly byteCount?: number;
  readonly content?: ArrayBuffer;
  readonly error?: { readonly message: string; readonly code?: string };
}

function readOnWorker(path: string, compress: boolean): Promise<CompressedSource> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(sourceReaderSource, { eval: true, workerData: { path, compress } });
    worker.once("message", (answer: SourceReadAnswer) => {
      void worker.terminate();
      if (answer.error || !answer.content || answer.sha256 === undefined) {
        const cause = Object.assign(new Error(answer.error?.message ?? "no answer"), answer.error);
        reject(sourceReadError(path, cause));
        return;
      }
      resolve({
        sha256: answer.sha256,
        byteCount: answer.byteCount ?? 0,
        content: Buffer.from(answer.content),
      });
    });
    worker.once("error", (error) => reject(sourceReadError(path, error)));
    // A worker that stopped without answering (a promise settles once: after an answer, a no-op).
    worker.once("exit", () => reject(sourceReadError(path, new Error("the reading thread stopped"))));
  });
}

/**
 * Reads a file once through gzip on a worker thread, so a caller that starts this before parsing
 * the same file gets the compression beside the parse rather than after it. The sha256 is of the
 * bytes actually read: {@link storeSource} compares it with the one a capture recorded, so a file
 * changed between hashing and reading is refused, not stored under a lie.
 */
export function compressSourceFile(path: string): Promise<CompressedSource> {
  return readOnWorker(path, true);
}

/**
 * Whether a backend keeps sources: only where raw rows are released once read and rebuilt from
 * their source on demand (SqlCapabilities.reusesDeletedSpaceAtOnce, see releaseRawRows). Elsewhere
 * (PostgreSQL) the raw rows stay in their tables line for line, and a compressed copy of the file
 * beside them would cost a million-row week's load 0.5-0.7 s of CPU and a 10 MB insert, and its
 * database about 8 bytes per row of FINRA's files, for nothing any stage or command reads.
 */
export function keepsStoredSources(capabilities: Pick<SqlCapabilities, "reusesDeletedSpaceAtOnce">): boolean {
  return capabilities.reusesDeletedSpaceAtOnce;
}

/**
 * Keeps a compressed source under `sha256` unless it is kept already (the same file loaded again).
 * Fails, storing nothing, when the compressed bytes are not the file the capture recorded.
 */
export async function storeSource(
  scope: SqlScope,
  source: CompressedSource,
  options: { readonly sha256: string; readonly path: string; readonly storedAt: string },
): Promise<void> {
  assertSameSource(source, options);
  await keepSource(scope, source, options.storedAt);
}

function assertSameSource(
  source: Pick<CompressedSource, "sha256">,
  options: { readonly sha256: string; readonly path: string },
): void {
  if (source.sha256 !== options.sha256)
    throw new SpineError(
      "SOURCE",
      `${options.path} changed while it was loaded (sha256 ${options.sha256} when placed, ${source.sha256} when read to load); load it again.`,
      { details: { path: options.path, expected_sha256: options.sha256, actual_sha256: source.sha256 } },
    );
}

// One insert for a fresh source and an archived one coming back: nothing when it is kept already.
async function keepSource(scope: SqlScope, source: CompressedSource, storedAt: string): Promise<void> {
  if (await hasStoredSource(scope, source.sha256)) return;
  await scope.db
    .insertInto("core_stored_sources")
    .values({
      sha256: source.sha256,
      encoding: "gzip",
      byte_count: source.byteCount,
      stored_byte_count: source.content.length,
      content: source.content,
      stored_at: storedAt,
    })
    .execute();
}

/**
 * The write that keeps `path` as a stored source (see {@link storeSource}) in `scope`, ready once
 * the file is compressed on a worker thread: pass it to `ingestDelimitedFile`'s `writesAlongside`
 * so the file is compressed while its rows are parsed and kept between two row inserts. Where the
 * backend keeps no sources ({@link keepsStoredSources}) the thread only hashes the file, and the
 * write stores nothing but still refuses a file that changed since it was hashed. Its rejection is
 * handled at once: a load that fails before the ingest takes the write leaves nothing unhandled.
 */
export function storeSourceAlongside(
  scope: SqlScope,
  path: string,
  options: { readonly sha256: string; readonly storedAt: string },
): Promise<SideWrite> {
  const keeps = keepsStoredSources(scope.sql);
  const write = readOnWorker(path, keeps).then((source) =>
    keeps
      ? (target: SqlScope) => storeSource(target, source, { ...options, path })
      : async () => assertSameSource(source, { ...options, path }),
  );
  write.catch(() => undefined);
  return write;
}

/** The stored (gzip) bytes of a source, or null when none is kept under `sha256`. */
export async function readStoredSource(scope: SqlScope, sha256: string): Promise<Buffer | null> {
  const row = await scope.db
    .selectFrom("core_stored_sources")
    .select("content")
    .where("sha256", "=", sha256)
    .executeTakeFirst();
  return row ? Buffer.from(row.content) : null;
}

/**
 * Writes the file's own bytes from its stored gzip to `path`, checked against the sha256 it is kept
 * under while they stream (a whole week's file is never held in memory).
 */
export async function unpackStoredSource(content: Buffer, sha256: string, path: string): Promise<void> {
  const hash = createHash("sha256");
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  await pipeline(Readable.from([content]), createGunzip(), hashing, createWriteStream(path));
  const actual = hash.digest("hex");
  if (actual !== sha256)
    throw new SpineError(
      "STORAGE",
      `The stored source ${sha256} is corrupt: its bytes have sha256 ${actual}.`,
      {
        details: { expected_sha256: sha256, actual_sha256: actual },
      },
    );
}

/** Whether a stored source is kept under `sha256`. */
export async function hasStoredSource(scope: SqlScope, sha256: string): Promise<boolean> {
  const row = await scope.db
    .selectFrom("core_stored_sources")
    .select("sha256")
    .where("sha256", "=", sha256)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Removes the stored sources among `sha256s` that no raw capture needs any longer. A raw capture
 * that is not archived needs its source (its rows may have to be rebuilt from it); derived
 * captures carry the sha256 for lineage but are never rebuilt from it, and an archived capture has
 * its own archive file. Called when captures are removed (rollback) or archived.
 */
export async function forgetUnneededSources(
  scope: SqlScope,
  sha256s: readonly (string | null)[],
): Promise<void> {
  const candidates = [...new Set(sha256s.filter((sha256): sha256 is string => sha256 !== null))];
  if (candidates.length === 0) return;
  await scope.db
    .deleteFrom("core_stored_sources")
    .where("sha256", "in", candidates)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("core_captures")
            .select("capture_id")
            .whereRef("core_captures.source_sha256", "=", "core_stored_sources.sha256")
            .where("input_capture_id", "is", null)
            .where("archived_at", "is", null),
        ),
      ),
    )
    .execute();
}

/**
 * Puts an archived source's gzip back under `sha256` unless it is kept already; its bytes are
 * checked against the sha256 when rows are rebuilt from it (unpackStoredSource).
 */
export async function keepSourceAgain(scope: SqlScope, content: Buffer, sha256: string, storedAt: string) {
  // gzip's trailer holds the original size (modulo 4 GiB; FINRA's weekly files are far smaller).
  const byteCount = content.readUInt32LE(content.length - 4);
  await keepSource(scope, { sha256, byteCount, content }, storedAt);
}
