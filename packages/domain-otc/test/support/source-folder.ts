import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fixturesDirectory } from "./otc-spine.js";

/** The generated FINRA download files shipped with the repository. */
export const generatedDirectory = join(fixturesDirectory, "generated");

/** A temporary source folder for a backfill, with helpers to fill it and remove it. */
export interface SourceFolder {
  readonly directory: string;
  copyGenerated(name: string, as?: string): void;
  write(name: string, content: string): void;
  remove(): void;
}

/** Creates an empty temporary source folder. */
export function createSourceFolder(): SourceFolder {
  const directory = mkdtempSync(join(tmpdir(), "spine-otc-source-"));
  return {
    directory,
    copyGenerated: (name, as = name) => copyFileSync(join(generatedDirectory, name), join(directory, as)),
    write: (name, content) => writeFileSync(join(directory, name), content),
    remove: () => rmSync(directory, { recursive: true, force: true }),
  };
}

/** A generated file's text with the MPID column dropped from its header, which ingest refuses. */
export function withoutMpidHeader(name: string): string {
  const [header = "", ...rows] = readFileSync(join(generatedDirectory, name), "utf8").split("\n");
  return [header.replace("|MPID", ""), ...rows].join("\n");
}

/** A generated file's text with the first data row's share quantity changed, as a republication. */
export function withChangedFirstRow(name: string, shareQuantity: number): string {
  const [header = "", first = "", ...rows] = readFileSync(join(generatedDirectory, name), "utf8").split("\n");
  const fields = first.split("|");
  fields[5] = String(shareQuantity);
  return [header, fields.join("|"), ...rows].join("\n");
}
