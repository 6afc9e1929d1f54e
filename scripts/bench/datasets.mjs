// Generated FINRA weekly files, cached under .bench/data keyed by tier, week, rows and seed.
import { existsSync, mkdirSync, renameSync, statSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { dataDirectory, generatorEntry } from "./paths.mjs";

const { finraFileName, publicationDate, writeFinraWeek } = await import(generatorEntry);

export const TIER = "OTC";
/** The single week the week scenario loads. */
export const WEEK_ENDING = "2025-10-03";
/** First of the consecutive weeks the backfill and rolling scenarios load. */
export const FIRST_SERIES_WEEK = "2025-08-22";

export function addWeeks(isoDate, weeks) {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + weeks * 7 * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Ensures the FINRA file of one tier-week exists in `.bench/data/<group>-<tier>-<rows>-s<seed>/` under its real
 * FINRA name (the publication date), generating it if missing. Returns its path and the seconds spent.
 */
export async function ensureWeekFile({ rows, seed, weekEnding, group = "week", tier = TIER }) {
  const folder = join(dataDirectory, `${group}-${tier.toLowerCase().replaceAll(" ", "")}-${rows}-s${seed}`);
  mkdirSync(folder, { recursive: true });
  const path = join(folder, finraFileName(tier, publicationDate(tier, weekEnding)));
  if (existsSync(path)) return { path, folder, generatedSeconds: 0, bytes: statSync(path).size };
  const started = performance.now();
  const partial = `${path}.partial`;
  await writeFinraWeek(partial, { tier, weekEnding, rows, seed });
  renameSync(partial, path);
  return { path, folder, generatedSeconds: (performance.now() - started) / 1000, bytes: statSync(path).size };
}

/** The `count` consecutive weeks from FIRST_SERIES_WEEK in their own folder (a backfill source_dir). */
export async function ensureWeekSeries({ rows, seed, count }) {
  const weeks = Array.from({ length: count }, (_, index) => addWeeks(FIRST_SERIES_WEEK, index));
  const files = [];
  for (const weekEnding of weeks)
    files.push({
      weekEnding,
      ...(await ensureWeekFile({ rows, seed, weekEnding, group: `series${count}` })),
    });
  return { weeks, files, folder: files[0]?.folder };
}
