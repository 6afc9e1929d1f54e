import { SpineError } from "@spine/platform";
import { impliedWeekOfRow } from "../../models/implied-week.js";
import type { SourceIdentity } from "./source-identity.js";

/** Counts kept while streaming, so rows read = rows written is checkable. */
export interface RawCounts {
  rowsRead: number;
  blankLines: number;
  malformed: number;
  /** How many rows carry each lastUpdateDate (a file has one or two), to find the file's own date. */
  lastUpdateDates: Map<string, number>;
}

// With no explicit week, a file that mixes weeks is ambiguous: refuse it rather than guess.
// A file carries a handful of distinct week values, so the date arithmetic runs once per value.
export function createSameWeekCheck(identity: SourceIdentity, path: string) {
  const weekByEvidence = new Map<string, string | null>();
  let lastWeekText: string | null = null;
  let lastDate: string | null = null;
  return (weekText: string | null, lastUpdateDate: string | null, lineNumber: number): void => {
    if (identity.weekRule === "parameter") return;
    // Consecutive rows almost always repeat the previous row's week evidence, already checked.
    if (weekText === lastWeekText && lastUpdateDate === lastDate && weekByEvidence.size > 0) return;
    lastWeekText = weekText;
    lastDate = lastUpdateDate;
    const evidence = `${weekText ?? ""}\u001f${lastUpdateDate ?? ""}`;
    let week = weekByEvidence.get(evidence);
    if (week === undefined) {
      const implied = impliedWeekOfRow({ weekText, lastUpdateDate }, identity.tier);
      week = implied.ok ? implied.value.weekEnding : null;
      weekByEvidence.set(evidence, week);
    }
    if (week !== null && week !== identity.weekEnding) refuseMixedWeeks(identity, lineNumber, week, path);
  };
}

function refuseMixedWeeks(identity: SourceIdentity, lineNumber: number, week: string, path: string): never {
  throw new SpineError(
    "SOURCE",
    `${path}: rows disagree on the week: line ${lineNumber} is week ending ${week} but the file was identified as ${identity.weekEnding} (by ${identity.weekRule}). Pass week_ending to load it as one week.`,
  );
}

// Counts rows per lastUpdateDate: a run of rows with the same date (a whole file, usually) costs
// one map update instead of one per row. `flush` ends the run, as every batch does; `count` takes
// several rows at once for a run counted elsewhere.
export function createDateCounter(counts: RawCounts) {
  let runDate: string | null = null;
  let runRows = 0;
  const flush = (): void => {
    const trimmed = runDate?.trim();
    if (trimmed) counts.lastUpdateDates.set(trimmed, (counts.lastUpdateDates.get(trimmed) ?? 0) + runRows);
    runRows = 0;
  };
  const count = (date: string | null, rows = 1): void => {
    if (date !== runDate) {
      flush();
      runDate = date;
    }
    runRows += rows;
  };
  return { count, flush };
}
