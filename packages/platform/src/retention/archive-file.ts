import { createHash, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { mkdir, open, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import { SpineError } from "../errors/spine-error.js";
import { sha256File } from "../sources/source-file.js";

/** One table's part of an archive: its columns in the order every row line lists them. */
export interface ArchivedTable {
  readonly name: string;
  readonly columns: readonly string[];
  readonly rowCount: number;
}

/** An archive file's first line: whose rows follow, table by table, one JSON array per row. */
export interface ArchiveHeader {
  readonly format: "spine-raw-archive";
  readonly version: 1;
  readonly domain: string;
  readonly captureId: string;
  readonly tables: readonly ArchivedTable[];
}

/** How an archive of a stored source (the source file's own gzip) is named after its sha256. */
export const sourceArchiveSuffix = ".source.gz";

/** A written archive file: its name in the archive directory, its sha256 and size. */
export interface WrittenArchive {
  readonly file: string;
  readonly sha256: string;
  readonly bytes: number;
}

async function* archiveLines(header: ArchiveHeader, rows: AsyncIterable<readonly unknown[]>) {
  yield `${JSON.stringify(header)}\n`;
  let buffer = "";
  for await (const row of rows) {
    buffer += `${JSON.stringify(row)}\n`;
    if (buffer.length >= 64 * 1024) {
      yield buffer;
      buffer = "";
    }
  }
  if (buffer.length > 0) yield buffer;
}

function hashingPassThrough(hash: ReturnType<typeof createHash>, size: { bytes: number }): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size.bytes += chunk.length;
      done(null, chunk);
    },
  });
}

async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes the header and rows as gzip-compressed JSON lines, named `<sha256>.jsonl.gz` in
 * `directory`. The file is complete and on disk (fsynced, then renamed into place, then the folder
 * fsynced) before this returns, so a database transaction may then forget the rows. gzip writes no
 * time stamp, so the same rows always give the same file and name.
 */
export async function writeArchiveFile(
  directory: string,
  header: ArchiveHeader,
  rows: AsyncIterable<readonly unknown[]>,
): Promise<WrittenArchive> {
  await mkdir(directory, { recursive: true });
  const partial = join(directory, `.partial-${randomUUID()}`);
  const hash = createHash("sha256");
  const size = { bytes: 0 };
  try {
    await pipeline(
      Readable.from(archiveLines(header, rows)),
      createGzip(),
      hashingPassThrough(hash, size),
      createWriteStream(partial),
    );
    await fsyncPath(partial);
    const sha256 = hash.digest("hex");
    const file = `${sha256}.jsonl.gz`;
    await rename(partial, join(directory, file));
    await fsyncPath(directory);
    return { file, sha256, bytes: size.bytes };
  } finally {
    await rm(partial, { force: true });
  }
}

/**
 * Writes bytes that are already compressed (a stored source's gzip) as `<sha256><suffix>` in
 * `directory`, on disk before this returns, as {@link writeArchiveFile} does.
 */
export async function writeArchiveBytes(
  directory: string,
  suffix: string,
  content: Buffer,
): Promise<WrittenArchive> {
  await mkdir(directory, { recursive: true });
  const partial = join(directory, `.partial-${randomUUID()}`);
  try {
    await writeFile(partial, content);
    await fsyncPath(partial);
    const sha256 = createHash("sha256").update(content).digest("hex");
    const file = `${sha256}${suffix}`;
    await rename(partial, join(directory, file));
    await fsyncPath(directory);
    return { file, sha256, bytes: content.length };
  } finally {
    await rm(partial, { force: true });
  }
}

/**
 * Checks that the archive file of a capture is there and holds exactly the bytes whose sha256 the
 * capture recorded; a missing or altered file is an error naming the file and the capture.
 */
export async function verifyArchiveFile(path: string, expectedSha256: string, captureId: string) {
  if (!existsSync(path))
    throw new SpineError("NOT_FOUND", `The archive of capture ${captureId} is missing: no file ${path}.`, {
      details: { capture_id: captureId, path },
    });
  const actual = await sha256File(path).catch((error: unknown) => {
    throw new SpineError("STORAGE", `The archive of capture ${captureId} cannot be read: ${path}.`, {
      cause: error,
      details: { capture_id: captureId, path },
    });
  });
  if (actual === expectedSha256) return;
  throw new SpineError(
    "STORAGE",
    `The archive of capture ${captureId} is corrupt: ${path} has sha256 ${actual}, the capture recorded ${expectedSha256}.`,
    { details: { capture_id: captureId, path, expected_sha256: expectedSha256, actual_sha256: actual } },
  );
}

/** The archive's lines, parsed, in order: the header first, then one array per row. */
export async function* readArchiveLines(path: string): AsyncGenerator<unknown> {
  const lines = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) if (line !== "") yield JSON.parse(line) as unknown;
}
