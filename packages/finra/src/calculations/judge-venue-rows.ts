import type { RejectIssue } from "../models/reject-reason.js";
import type { RawVenueRow, VenueVolume } from "../models/venue-row.js";
import type { VenueRowValidation } from "./validate-venue-row.js";

/** A rejected row: its line and every rule it broke, the first being the primary reason. */
export interface RejectedVenueRow {
  readonly lineNumber: number;
  readonly issues: readonly RejectIssue[];
}

/** The accepted rows and the rejects of one tier-week; read = accepted + rejected. */
export interface VenueRowOutcome {
  readonly accepted: VenueVolume[];
  readonly rejected: RejectedVenueRow[];
}

/**
 * Judges every row of a tier-week in line order with `validate`. A venue reports one row per
 * symbol, so a second valid (symbol, MPID) row is a DUPLICATE_KEY reject (`duplicateDetail` says
 * it in the dataset's words) and the first one stands.
 */
export function judgeVenueRows(
  rows: Iterable<RawVenueRow>,
  validate: (row: RawVenueRow) => VenueRowValidation,
  duplicateDetail: (mpid: string, symbol: string) => string,
): VenueRowOutcome {
  const outcome: VenueRowOutcome = { accepted: [], rejected: [] };
  const reportedBy = new Map<string, Set<string>>();
  for (const row of rows) {
    const verdict = validate(row);
    if (!verdict.ok) {
      outcome.rejected.push({ lineNumber: row.lineNumber, issues: verdict.issues });
      continue;
    }
    const { mpid, symbol } = verdict.value;
    const symbols = reportedBy.get(mpid) ?? new Set<string>();
    reportedBy.set(mpid, symbols);
    if (symbols.has(symbol)) {
      const issues = [{ code: "DUPLICATE_KEY" as const, detail: duplicateDetail(mpid, symbol) }];
      outcome.rejected.push({ lineNumber: row.lineNumber, issues });
      continue;
    }
    symbols.add(symbol);
    outcome.accepted.push(verdict.value);
  }
  return outcome;
}
