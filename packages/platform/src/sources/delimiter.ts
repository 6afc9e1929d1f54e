/** The delimiters {@link detectDelimiter} recognises. */
export type Delimiter = "|" | "," | "\t";

// Order doubles as the tie-break: FINRA downloads are pipe-delimited, so "|" wins ties.
const CANDIDATE_DELIMITERS: readonly Delimiter[] = ["|", ",", "\t"];

function countOutsideQuotes(line: string, character: string): number {
  let count = 0;
  let insideQuotes = false;
  for (const current of line) {
    if (current === '"') {
      insideQuotes = !insideQuotes;
    } else if (current === character && !insideQuotes) {
      count += 1;
    }
  }
  return count;
}

/** Picks the delimiter that occurs most often outside quotes in the header; "|" when none occurs. */
export function detectDelimiter(headerLine: string): Delimiter {
  let best: Delimiter = "|";
  let bestCount = 0;
  for (const candidate of CANDIDATE_DELIMITERS) {
    const count = countOutsideQuotes(headerLine, candidate);
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}
