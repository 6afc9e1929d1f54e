import { readdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { SourceFile } from "../../calculations/backfill-plan.js";
import { fail, ok, type Result } from "../../models/result.js";
import { parseSourceFileName, SOURCE_FILE_NAME_PATTERNS } from "../../models/source-file-name.js";

/** A source folder's files: recognised ones with what their names say, and the rest by name. */
export interface SourceDirectory {
  readonly directory: string;
  readonly files: SourceFile[];
  readonly ignored: string[];
}

/** The message for a folder (or range) without usable files, naming the folder and expected names. */
export function noFilesMessage(directory: string, what: string): string {
  return `${what} in source_dir ${directory}; expected file names ${SOURCE_FILE_NAME_PATTERNS.join(" or ")}`;
}

/** Lists a source folder (not recursively); unrecognised names are returned as ignored, not errors. */
export async function readSourceDirectory(sourceDirectory: string): Promise<Result<SourceDirectory, string>> {
  const directory = resolve(sourceDirectory);
  let entries: Array<{ name: string; isFile: () => boolean }>;
  try {
    entries = await readdir(directory, { withFileTypes: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail(
      noFilesMessage(directory, `cannot read the folder (${reason}), so no FINRA OTC files were found`),
    );
  }
  const files: SourceFile[] = [];
  const ignored: string[] = [];
  for (const entry of [...entries].sort((left, right) => (left.name < right.name ? -1 : 1))) {
    if (!entry.isFile()) continue;
    const parsed = parseSourceFileName(entry.name);
    if (parsed) files.push({ ...parsed, fileName: entry.name, path: join(directory, entry.name) });
    else ignored.push(entry.name);
  }
  return ok({ directory, files, ignored });
}
