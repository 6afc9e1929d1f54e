import type { RowPartition as Partition } from "@spine/finra";
import { type RejectReasonCode, type VenueVolume, validateVenueRow } from "@spine/finra";
import { detectDelimiter, isBlankLine, splitDelimitedLine } from "@spine/platform";
import { resolveHeader } from "../../src/pipelines/support/finra-header.js";
import { createDuplicateKeyTracker, parseVenueLine } from "../../src/pure.js";

export type ParsedFile = {
  headerIssues: string[];
  read: number;
  accepted: VenueVolume[];
  rejected: Array<{ lineNumber: number; code: RejectReasonCode }>;
};

/** The line loop a pipeline runs, built from the pure API and the platform's parsing, for fixture tests. */
export function parseLines(lines: Iterable<string>, partition: Partition): ParsedFile {
  const parsed: ParsedFile = { headerIssues: [], read: 0, accepted: [], rejected: [] };
  const duplicates = createDuplicateKeyTracker();
  let header: { delimiter: string; columns: Parameters<typeof parseVenueLine>[1] } | null = null;
  let lineNumber = 0;
  for (const line of lines) {
    lineNumber += 1;
    if (isBlankLine(line)) {
      continue;
    }
    if (header === null) {
      const delimiter = detectDelimiter(line);
      const resolved = resolveHeader(splitDelimitedLine(line, delimiter));
      if (!resolved.ok) {
        parsed.headerIssues = [...resolved.issues];
        return parsed;
      }
      header = { delimiter, columns: resolved.value };
      continue;
    }
    parsed.read += 1;
    const raw = parseVenueLine(splitDelimitedLine(line, header.delimiter), header.columns, lineNumber, line);
    const validated = raw.ok ? validateVenueRow(raw.value, partition) : raw;
    if (!validated.ok) {
      parsed.rejected.push({ lineNumber, code: validated.issues[0]?.code ?? "MALFORMED_ROW" });
    } else if (duplicates.isDuplicate(validated.value.symbol, validated.value.mpid)) {
      parsed.rejected.push({ lineNumber, code: "DUPLICATE_KEY" });
    } else {
      parsed.accepted.push(validated.value);
    }
  }
  return parsed;
}
