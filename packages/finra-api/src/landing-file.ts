import { createHash, randomUUID } from "node:crypto";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type ApiRow, apiRowsToLandingText, type FinraDataset, type Tier, tierSlug } from "@spine/finra";

/** What the requests behind a landing file were: its lineage, kept beside it and in the run's metrics. */
export interface RequestLineage {
  readonly source: "finra-query-api";
  /** `otcMarket/weeklySummary` or `otcMarket/weeklySummaryHistoric`. */
  readonly dataset: string;
  readonly url: string;
  readonly filters: readonly unknown[];
  readonly fetched_at: string;
  readonly request_ids: readonly string[];
  readonly pages: number;
  readonly rows: number;
}

/** A written landing file. */
export interface LandingFile {
  readonly path: string;
  readonly requestPath: string;
  readonly sha256: string;
  /** False when a file of the same content was already there (a re-fetch of an unchanged week). */
  readonly created: boolean;
}

/** What to land: the tier-week, its rows and the requests that fetched them. */
export interface LandingInput {
  readonly directory: string;
  readonly dataset: FinraDataset;
  readonly tier: Tier;
  readonly weekEnding: string;
  readonly rows: readonly ApiRow[];
  readonly lineage: RequestLineage;
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

// Written under a temporary name and renamed: a crash leaves no file that looks complete.
async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.${randomUUID()}.partial`;
  try {
    await writeFile(temporary, text, { flag: "wx" });
    await rename(temporary, path);
  } finally {
    await rm(temporary, { force: true });
  }
}

/**
 * Lands a tier-week's API rows as one file in the download layout plus weekStartDate,
 * summaryTypeCode and initialPublishedDate (sorted, so the same rows make the same bytes), named
 * by its sha256 under `<directory>/<dataset>/`, with `<file>.request.json` beside it holding the
 * request lineage. Both are written atomically; a file of the same content is kept as it is.
 */
export async function writeLandingFile(input: LandingInput): Promise<LandingFile> {
  const text = apiRowsToLandingText(input.rows);
  const sha256 = createHash("sha256").update(text).digest("hex");
  const folder = join(input.directory, input.dataset);
  await mkdir(folder, { recursive: true });
  const name = `api_${input.dataset}_${tierSlug(input.tier)}_week_${input.weekEnding}_${sha256.slice(0, 12)}.csv`;
  const path = join(folder, name);
  const created = !(await exists(path));
  if (created) await writeAtomically(path, text);
  const requestPath = `${path}.request.json`;
  await writeAtomically(
    requestPath,
    `${JSON.stringify({ ...input.lineage, sha256, file: name }, null, 2)}\n`,
  );
  return { path, requestPath, sha256, created };
}
