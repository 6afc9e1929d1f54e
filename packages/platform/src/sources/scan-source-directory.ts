import type { Dirent } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import type { Result } from "../errors/result.js";
import { fail, ok } from "../errors/result.js";

/** A file a scan identified: what the domain's identify functions said, plus its name and path. */
export type IdentifiedFile<Identity> = Identity & { readonly fileName: string; readonly path: string };

/** A scanned folder: identified files in name order, and the names of the others. */
export interface ScannedDirectory<Identity> {
  readonly directory: string;
  readonly files: Array<IdentifiedFile<Identity>>;
  readonly ignored: string[];
}

/** How a domain recognises its files (see {@link scanSourceDirectory}). */
export interface SourceIdentification<Identity> {
  /** What a file name says, or null when it follows none of the domain's patterns. */
  identifyByName(fileName: string): Identity | null;
  /**
   * What a file's content says (header and first rows), for names that say nothing; null or a
   * thrown error leave the file ignored. Omit it to recognise files by name only.
   */
  identifyByContent?(path: string): Promise<Identity | null>;
}

async function identify<Identity>(
  identification: SourceIdentification<Identity>,
  fileName: string,
  path: string,
): Promise<Identity | null> {
  const named = identification.identifyByName(fileName);
  if (named !== null || identification.identifyByContent === undefined) return named;
  try {
    return await identification.identifyByContent(path);
  } catch {
    // A file that cannot be read as a source is not one: it is listed as ignored, not an error.
    return null;
  }
}

// A symbolic link counts as the file it points to (a folder of links into a download cache is a
// normal layout); a link to nothing, or to a folder, is listed as ignored with the reason.
async function entryKind(entry: Dirent, path: string): Promise<"file" | "other" | string> {
  if (entry.isFile()) return "file";
  if (!entry.isSymbolicLink()) return "other";
  try {
    return (await stat(path)).isFile() ? "file" : "other";
  } catch (error) {
    const code = (error as { code?: string }).code ?? "unreadable";
    return `${entry.name} (symbolic link to nothing readable: ${code})`;
  }
}

// A single file given where a folder is expected is scanned as a folder holding only it, so
// "load this one download" runs the same code as "load this folder".
async function scanOneFile<Identity>(
  path: string,
  identification: SourceIdentification<Identity>,
): Promise<ScannedDirectory<Identity>> {
  const fileName = basename(path);
  const identity = await identify(identification, fileName, path);
  return {
    directory: dirname(path),
    files: identity === null ? [] : [{ ...identity, fileName, path }],
    ignored: identity === null ? [fileName] : [],
  };
}

/**
 * Lists a source folder (not recursively) and identifies each file by its name or, when the name
 * says nothing, by its content, so renamed downloads are still found. Symbolic links to files are
 * followed; unrecognised files and broken links come back as ignored; only an unreadable folder
 * fails, with the reason. A path to one file scans that file alone.
 */
export async function scanSourceDirectory<Identity>(
  sourceDirectory: string,
  identification: SourceIdentification<Identity>,
): Promise<Result<ScannedDirectory<Identity>, string>> {
  const directory = resolve(sourceDirectory);
  let entries: Dirent[];
  try {
    if ((await stat(directory)).isFile()) return ok(await scanOneFile(directory, identification));
    entries = await readdir(directory, { withFileTypes: true });
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  const files: Array<IdentifiedFile<Identity>> = [];
  const ignored: string[] = [];
  for (const entry of [...entries].sort((left, right) => (left.name < right.name ? -1 : 1))) {
    const path = join(directory, entry.name);
    const kind = await entryKind(entry, path);
    if (kind === "other") continue;
    if (kind !== "file") {
      ignored.push(kind);
      continue;
    }
    const identity = await identify(identification, entry.name, path);
    if (identity === null) ignored.push(entry.name);
    else files.push({ ...identity, fileName: entry.name, path });
  }
  return ok({ directory, files, ignored });
}
