import { basename } from "node:path";
import type { PipelineContext } from "@spine/platform";
import { sql } from "@spine/platform";
import { RECORD_KEY_SEPARATOR, recordKeyPrefix } from "../../calculations/record-key.js";
import { isDownloadLayout } from "./download-line-fast-path.js";
import type { RawLineConverter, RawRowBatch } from "./raw-row-writer.js";
import { rawColumns, standardRawColumns } from "./raw-row-writer.js";
import { readLineAlignedChunks } from "./read-lines.js";
import type { RecordHasher } from "./record-hasher.js";
import type { SourceHeader, SourceIdentity } from "./source-identity.js";

// Ingest's path on SQLite with the platform's native text functions. A download-layout file is
// mostly plain lines (see spine_delimited_lines: eight printable ASCII fields, nothing to unquote,
// trim or decode); SQLite reads their fields from the chunk itself, so they never become
// JavaScript strings. The download fast path stores exactly those fields (download-line-fast-path.ts),
// and every other line, the header included, goes through the same converter as on the path
// without the functions. The ingest agreement test holds the two paths to the same rows.

/** The line number of the header when it is the download layout (the native path's files), else null. */
export function downloadHeaderLine(header: SourceHeader): number | null {
  return isDownloadLayout(header) ? header.lineNumber : null;
}

interface LineRun {
  readonly plain: number;
  readonly line_number: number;
  readonly line_count: number;
  readonly whole_number_lines: number;
  readonly line_start: number;
  readonly line_end: number;
  readonly key_1: string | null;
  readonly key_2: string | null;
}

/** What {@link writeNativeRawRows} needs besides the context. */
export interface NativeRawRowSource {
  readonly path: string;
  readonly identity: SourceIdentity;
  readonly captureId: string;
  readonly headerLine: number;
  readonly converter: RawLineConverter;
  readonly hasher: RecordHasher;
  readonly counts: { readonly rowsRead: number };
  /** Bytes per chunk; tests pass small ones to put line endings on chunk boundaries. */
  readonly chunkBytes?: number;
}

// The record key of a plain line (canonicalRecordKey: week, tier, symbol, mpid, shares, trades
// joined by U+001F) hashed as hashRecordKey does: the first 32 hex digits of its sha256.
function insertPlainLines(source: NativeRawRowSource, data: Buffer, firstLine: number) {
  const separator = RECORD_KEY_SEPARATOR;
  const keyPrefix = recordKeyPrefix(source.identity.weekEnding, source.identity.tier);
  return sql`
    insert into otc_raw_rows (capture_id, line_number, tier_text, symbol, issue_name, market_participant_name,
      mpid, share_quantity_text, trade_count_text, last_update_date, record_hash)
    select ${source.captureId}, line_number, field_1, field_2, field_3, field_4, field_5, field_6, field_7, field_8,
      substr(spine_sha256_hex(${keyPrefix}, field_2, ${separator}, field_5, ${separator}, field_6, ${separator}, field_7), 1, 32)
    from spine_delimited_lines(${data}, '|', 8, ${firstLine}, ${source.headerLine + 1})
    where plain`;
}

// Runs of plain lines per tier and lastUpdateDate (fields 1 and 8) with their clean-count lines
// (fields 6 and 7), and every other line on its own, in line order.
function linesAndRuns(source: NativeRawRowSource, data: Buffer, firstLine: number) {
  return sql<LineRun>`
    select plain, line_number, line_count, whole_number_lines, line_start, line_end, key_1, key_2
    from spine_delimited_runs(${data}, '|', 8, ${firstLine}, ${source.headerLine + 1}, '1,8', '6,7')`;
}

function decodeLine(data: Buffer, fileOffset: number, run: LineRun): string {
  const line = data.toString("utf8", run.line_start, run.line_end);
  // readLineBatches strips a byte order mark at the start of the file.
  return fileOffset === 0 && run.line_start === 0 ? line.replace(/^\uFEFF/, "") : line;
}

/** Streams the file into otc_raw_rows through the native text functions; returns the rows written. */
export async function writeNativeRawRows(
  context: PipelineContext,
  source: NativeRawRowSource,
): Promise<number> {
  const { converter } = source;
  let nextLine = 1;
  let written = 0;
  for await (const { data, offset } of readLineAlignedChunks(source.path, source.chunkBytes)) {
    const firstLine = nextLine;
    const batch: RawRowBatch = { standard: [], other: [] };
    let plainLines = 0;
    const { rows } = await linesAndRuns(source, data, firstLine).execute(context.scope.db);
    for (const run of rows) {
      if (run.plain === 1) {
        if (converter.header() === null) throw new Error(`plain line ${run.line_number} before the header`);
        converter.plainRun({
          firstLineNumber: run.line_number,
          lineCount: run.line_count,
          cleanLineCount: run.whole_number_lines,
          tierText: run.key_1 ?? "",
          lastUpdateDate: run.key_2 ?? "",
        });
        plainLines += run.line_count;
      } else converter.line(run.line_number, decodeLine(data, offset, run), batch);
      nextLine = run.line_number + run.line_count;
    }
    converter.flush();
    const inserted = await insertPlainLines(source, data, firstLine).execute(context.scope.db);
    if (Number(inserted.numAffectedRows ?? 0) !== plainLines)
      throw new Error(`${inserted.numAffectedRows} plain lines inserted where ${plainLines} were counted`);
    await source.hasher.hashLastColumn(batch.standard);
    written +=
      plainLines +
      (await context.scope.bulkInsert("otc_raw_rows", standardRawColumns, batch.standard)) +
      (await context.scope.bulkInsert("otc_raw_rows", rawColumns, batch.other));
    context.progress({
      completed: source.counts.rowsRead,
      unit: "rows",
      message: `ingesting ${basename(source.path)}`,
    });
  }
  return written;
}
