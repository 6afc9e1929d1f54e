import { readFileSync } from "node:fs";
import { FINRA_COLUMN_SPELLINGS, type FinraColumn, type RawVenueRow } from "@spine/finra";

// Test-only reader for the ATS fixtures (no quotes in them): the platform's sources module will
// read real files. Columns are found by FINRA's spellings, as the ingest will find them.
function columnIndexes(header: readonly string[]): Map<FinraColumn, number> {
  const lowered = header.map((name) => name.trim().toLowerCase());
  const indexes = new Map<FinraColumn, number>();
  for (const [column, spellings] of Object.entries(FINRA_COLUMN_SPELLINGS) as [
    FinraColumn,
    readonly string[],
  ][]) {
    const found = spellings
      .map((spelling) => lowered.indexOf(spelling.toLowerCase()))
      .find((index) => index >= 0);
    if (found !== undefined) indexes.set(column, found);
  }
  return indexes;
}

/** Every data line of a fixture as a RawVenueRow, numbered from 2 like the ingest numbers them. */
export function readAtsFile(path: string): RawVenueRow[] {
  return readAtsText(readFileSync(path, "utf8"));
}

/** The same for text: a header line, then data lines. */
export function readAtsText(text: string): RawVenueRow[] {
  const [headerLine = "", ...lines] = text.trimEnd().split("\n");
  const delimiter = headerLine.includes("|") ? "|" : ",";
  const indexes = columnIndexes(headerLine.split(delimiter));
  return lines.map((rawLine, position) => {
    const fields = rawLine.split(delimiter);
    const text = (column: FinraColumn) => {
      const index = indexes.get(column);
      return index === undefined ? null : (fields[index] ?? "");
    };
    return {
      lineNumber: position + 2,
      tierText: text("tier"),
      symbol: text("symbol") ?? "",
      issueName: text("issueName"),
      mpid: text("mpid") ?? "",
      marketParticipantName: text("marketParticipantName"),
      shareQuantityText: text("shareQuantity") ?? "",
      tradeCountText: text("tradeCount") ?? "",
      lastUpdateDate: text("lastUpdateDate"),
      weekText: text("week"),
      summaryTypeCode: text("summaryTypeCode"),
      rawLine,
    };
  });
}
