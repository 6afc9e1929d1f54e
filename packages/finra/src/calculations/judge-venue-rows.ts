import type { RejectIssue } from "../models/reject-reason.js";
import type { RawVenueRow, VenueVolume } from "../models/venue-row.js";
import type { VenueRowValidation } from "./validate-venue-row.js";

/** A rejected row: its line, every rule it broke (the first being the primary reason) and its text. */
export interface RejectedVenueRow {
  readonly lineNumber: number;
  readonly issues: readonly RejectIssue[];
  readonly rawLine: string;
}

/** An accepted row, with the line it was read from (lineage). */
export type AcceptedVenueRow = VenueVolume & { readonly lineNumber: number };

/** The accepted rows and the rejects of one tier-week; read = accepted + rejected. */
export interface VenueRowOutcome {
  readonly accepted: AcceptedVenueRow[];
  readonly rejected: RejectedVenueRow[];
}

/** A rejected row as a reject record: the primary rule's code, every rule's detail, the line and its text. */
export function venueRowReject(rejected: RejectedVenueRow) {
  return {
    reasonCode: rejected.issues[0]?.code ?? "INVALID_ROW",
    reasonDetail: rejected.issues.map((issue) => issue.detail).join("; "),
    lineNumber: rejected.lineNumber,
    rawRecord: rejected.rawLine,
  };
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
      outcome.rejected.push({ lineNumber: row.lineNumber, issues: verdict.issues, rawLine: row.rawLine });
      continue;
    }
    const { mpid, symbol } = verdict.value;
    const symbols = reportedBy.get(mpid) ?? new Set<string>();
    reportedBy.set(mpid, symbols);
    if (symbols.has(symbol)) {
      const issues = [{ code: "DUPLICATE_KEY" as const, detail: duplicateDetail(mpid, symbol) }];
      outcome.rejected.push({ lineNumber: row.lineNumber, issues, rawLine: row.rawLine });
      continue;
    }
    symbols.add(symbol);
    outcome.accepted.push({ ...verdict.value, lineNumber: row.lineNumber });
  }
  return outcome;
}
