import { SpineError } from "@spine/platform";
import type { WeekRule } from "../../models/implied-week.js";
import { impliedWeekOfRow } from "../../models/implied-week.js";
import type { Tier } from "../../models/tier.js";
import { parseTier } from "../../models/tier.js";
import { isBlankLine } from "../../parsing/blank-line.js";
import type { ColumnMap } from "../../parsing/column-map.js";
import { resolveHeader } from "../../parsing/column-map.js";
import type { Delimiter } from "../../parsing/delimiter.js";
import { detectDelimiter } from "../../parsing/delimiter.js";
import { splitDelimitedLine } from "../../parsing/split-delimited-line.js";
import { parseVenueLine } from "../../parsing/venue-line.js";
import { readLines } from "./read-lines.js";

/** The tier-week a file covers and which rule decided it. */
export interface SourceIdentity {
  readonly tier: Tier;
  readonly weekEnding: string;
  readonly weekRule: WeekRule;
  readonly lastUpdateDate: string | null;
}

/** A file's identity together with its header, as identifySource found it. */
export interface IdentifiedSource extends SourceIdentity {
  readonly header: SourceHeader;
}

/** A parsed header: how to split lines and where each column is. */
export interface SourceHeader {
  readonly delimiter: Delimiter;
  readonly columns: ColumnMap;
  readonly lineNumber: number;
}

/** Parses a header line or fails naming every missing required column. */
export function parseHeader(line: string, lineNumber: number, path: string): SourceHeader {
  const delimiter = detectDelimiter(line);
  const resolved = resolveHeader(splitDelimitedLine(line, delimiter));
  if (!resolved.ok)
    throw new SpineError("SOURCE", `${path}: ${resolved.issues.join("; ")}`, { details: { path } });
  return { delimiter, columns: resolved.value, lineNumber };
}

function decideTier(path: string, explicit: Tier | undefined, tierText: string | null): Tier {
  if (explicit) return explicit;
  if (tierText === null || tierText.trim() === "") {
    throw new SpineError("SOURCE", `${path}: the file has no tier column; pass the tier parameter.`);
  }
  const tier = parseTier(tierText);
  if (!tier.ok)
    throw new SpineError("SOURCE", `${path}: first row's tier is invalid: ${tier.issues.join("; ")}`);
  return tier.value;
}

/**
 * Decides which tier-week a file covers from its header and first data row: (1) an explicit
 * week_ending, else (2) a weekStartDate/WeekEnding column, else (3) lastUpdateDate, read as a
 * publication date. Reads only the first lines of the file.
 */
export async function identifySource(
  path: string,
  explicit: { tier?: Tier | undefined; week_ending?: string | undefined },
): Promise<IdentifiedSource> {
  let header: SourceHeader | null = null;
  let lineNumber = 0;
  for await (const line of readLines(path)) {
    lineNumber += 1;
    if (isBlankLine(line)) continue;
    if (header === null) {
      header = parseHeader(line, lineNumber, path);
      continue;
    }
    const row = parseVenueLine(splitDelimitedLine(line, header.delimiter), header.columns, lineNumber, line);
    if (!row.ok) continue;
    const tier = decideTier(path, explicit.tier, row.value.tierText);
    const lastUpdateDate = row.value.lastUpdateDate?.trim() || null;
    if (explicit.week_ending)
      return { tier, weekEnding: explicit.week_ending, weekRule: "parameter", lastUpdateDate, header };
    const week = impliedWeekOfRow(row.value, tier);
    if (!week.ok)
      throw new SpineError(
        "SOURCE",
        `${path}: cannot tell which week line ${lineNumber} covers (${week.issues.join("; ")}); pass week_ending.`,
      );
    return { tier, weekEnding: week.value.weekEnding, weekRule: week.value.rule, lastUpdateDate, header };
  }
  if (header === null) throw new SpineError("SOURCE", `${path}: the file is empty (no header line).`);
  if (explicit.tier && explicit.week_ending) {
    return {
      tier: explicit.tier,
      weekEnding: explicit.week_ending,
      weekRule: "parameter",
      lastUpdateDate: null,
      header,
    };
  }
  throw new SpineError(
    "SOURCE",
    `${path}: the file has a header but no parseable data rows; pass tier and week_ending to load it anyway.`,
  );
}
