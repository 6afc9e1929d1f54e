import { resolve } from "node:path";
import type { PlacementMemory, SourceFile } from "@spine/finra";
import {
  finraPlacementVersion,
  finraSourceIdentification,
  placeFilesByContent,
  SOURCE_FILE_NAME_PATTERNS,
} from "@spine/finra";
import type { Result } from "@spine/platform";
import { fail, ok, scanSourceDirectory } from "@spine/platform";
import { identifySourceContent } from "./source-identity.js";

/** A source folder's files: recognised ones with what their names say, and the rest by name. */
export interface SourceDirectory {
  readonly directory: string;
  readonly files: SourceFile[];
  readonly ignored: string[];
}

/**
 * The version of identifySourceContent's rules, FINRA's placement rules included: change either
 * and every file is read again.
 */
export const contentPlacementVersion = `otc-1/finra-${finraPlacementVersion}`;

/** The message for a folder (or range) without usable files, naming the folder and expected names. */
export function noFilesMessage(directory: string, what: string): string {
  return `${what} in source_dir ${directory}; expected file names ${SOURCE_FILE_NAME_PATTERNS.otc.join(" or ")}`;
}

/**
 * Lists a source folder (not recursively). A file is recognised by its name or, when the name
 * says nothing (a renamed download, `week_2025-12-19.psv`), by its header and first row;
 * unrecognised files are returned as ignored, not errors. Files of FINRA download names, and files
 * sharing a tier-week, are placed and dated by their rows (identifySourceContent), which reads the
 * whole file: with `facts`, only files new or changed since an earlier run are read.
 */
export async function readSourceDirectory(
  sourceDirectory: string,
  facts?: PlacementMemory,
): Promise<Result<SourceDirectory, string>> {
  const scanned = await scanSourceDirectory(
    sourceDirectory,
    finraSourceIdentification("otc", identifySourceContent),
  );
  if (scanned.ok)
    return ok({
      ...scanned.value,
      files: await placeFilesByContent(scanned.value.files, identifySourceContent, facts),
    });
  const reason = scanned.issues.join("; ");
  return fail(
    noFilesMessage(
      resolve(sourceDirectory),
      `cannot read the folder (${reason}), so no FINRA OTC files were found`,
    ),
  );
}
