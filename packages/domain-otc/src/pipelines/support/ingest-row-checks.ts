import { impliedWeekOfRow } from "@spine/finra";
import { SpineError } from "@spine/platform";
import type { SourceIdentity } from "./source-identity.js";

// With no explicit week, a file that mixes weeks is ambiguous: refuse it rather than guess. A row
// dated later than others but not after the revision's date (all rows placed the file before the
// ingest) is a restated row; only week columns and dates after it are checked, once per value.
function isChecked(identity: SourceIdentity, weekText: string | null, lastUpdateDate: string | null) {
  if (identity.weekRule === "parameter") return false;
  if (weekText !== null && weekText.trim() !== "") return true;
  const date = lastUpdateDate?.trim() ?? "";
  return identity.lastUpdateDate === null || date > identity.lastUpdateDate;
}

export function createSameWeekCheck(identity: SourceIdentity, path: string) {
  const weekByEvidence = new Map<string, string | null>();
  let lastWeekText: string | null = null;
  let lastDate: string | null = null;
  return (weekText: string | null, lastUpdateDate: string | null, lineNumber: number): void => {
    if (!isChecked(identity, weekText, lastUpdateDate)) return;
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
