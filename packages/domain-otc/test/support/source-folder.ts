import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { addDays, publicationDelayDays } from "@spine/finra";
import { fixturesDirectory } from "./otc-spine.js";

/** The generated FINRA-format files shipped with the repository, named by week. */
export const generatedDirectory = join(fixturesDirectory, "generated");

const finraName = /^finra_otc_weekly_(otc|tier1|tier2)_(\d{4})(\d{2})(\d{2})\.csv$/;
const tierOfSlug = { otc: "OTC", tier1: "NMS Tier 1", tier2: "NMS Tier 2" } as const;

/**
 * The generated file that FINRA would have published under `name`. Tests speak FINRA's names
 * (publication dates) to exercise the backfill's file discovery; the repository stores the same
 * synthetic weeks under week names so they are never mistaken for real FINRA downloads.
 */
export function generatedPath(name: string): string {
  const match = finraName.exec(name);
  if (!match) return join(generatedDirectory, name);
  const [, slug = "otc", year, month, day] = match;
  const tier = tierOfSlug[slug as keyof typeof tierOfSlug];
  const weekEnding = addDays(`${year}-${month}-${day}`, 4 - publicationDelayDays(tier));
  return join(generatedDirectory, `${slug}_week_${weekEnding}.csv`);
}

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
    copyGenerated: (name, as = name) => copyFileSync(generatedPath(name), join(directory, as)),
    write: (name, content) => writeFileSync(join(directory, name), content),
    remove: () => rmSync(directory, { recursive: true, force: true }),
  };
}

/** A generated file's text with the MPID column dropped from its header, which ingest refuses. */
export function withoutMpidHeader(name: string): string {
  const [header = "", ...rows] = readFileSync(generatedPath(name), "utf8").split("\n");
  return [header.replace("|MPID", ""), ...rows].join("\n");
}

/** A generated file's text with the first data row's share quantity changed, as a republication. */
export function withChangedFirstRow(name: string, shareQuantity: number): string {
  const [header = "", first = "", ...rows] = readFileSync(generatedPath(name), "utf8").split("\n");
  const fields = first.split("|");
  fields[5] = String(shareQuantity);
  return [header, fields.join("|"), ...rows].join("\n");
}
