import type { SourceFileName } from "./source-file-name.js";
import type { SourceFile } from "./tier-week-files.js";

/** What remembers whole-file identifications between runs (the platform's SourceFileFacts fits). */
export interface PlacementMemory {
  factsOf<Facts>(path: string, read: (path: string) => Promise<Facts>): Promise<Facts>;
  save(): Promise<void>;
}

/**
 * A folder's files as their rows place and date them, where the name alone may mislead: a FINRA
 * name's date is one revision's, so a republication's name places it as a later week, and files
 * of one tier-week are ordered by FINRA's dates. Such files (a dated name, or a tier-week shared
 * with another file) are identified by content; a file its rows cannot place keeps its name's
 * placement, and its ingest then says why. With `memory` (the platform's source file facts), a file
 * identified before and unchanged since is not read again, and what was read is saved at the end.
 */
export async function placeFilesByContent(
  files: readonly SourceFile[],
  identifyContent: (path: string) => Promise<SourceFileName | null>,
  memory?: PlacementMemory,
): Promise<SourceFile[]> {
  const identify = (path: string) =>
    memory === undefined ? identifyContent(path) : memory.factsOf(path, identifyContent);
  const weekOf = (file: SourceFile) => `${file.tier}|${file.weekEnding}`;
  const weeks = files.map(weekOf);
  const placed: SourceFile[] = [];
  for (const file of files) {
    if (file.publicationDate === null && weeks.indexOf(weekOf(file)) === weeks.lastIndexOf(weekOf(file)))
      placed.push(file);
    else placed.push({ ...file, ...(await identify(file.path).catch(() => ({}))) });
  }
  await memory?.save();
  return placed;
}
