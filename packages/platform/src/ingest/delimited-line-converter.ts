import { isBlankLine } from "../sources/blank-line.js";
import type { HeaderColumnSpecs, HeaderSpec, ParsedHeader } from "../sources/header-spec.js";
import { parseHeaderLine } from "../sources/header-spec.js";
import { plainDelimitedFields } from "../sources/plain-delimited-fields.js";
import { splitDelimitedLine } from "../sources/split-delimited-line.js";

/** Rows of one batch, one list per ingest target (see {@link DelimitedRowMapping.targets}). */
export type IngestRowBatch = unknown[][][];

/** Maps a source's lines to rows, once its header is known (see {@link DelimitedRowMapping}). */
export interface DelimitedLineMapper {
  /**
   * A well-formed line: as many fields as the header. `plain` says {@link plainDelimitedFields}
   * accepted it (no quotes, no empty or padded field), so its fields may be stored as they are.
   * Push the line's row onto `batch[target]`; its last value is the record key, which ingest
   * replaces by the record hash.
   */
  row(fields: string[], lineNumber: number, line: string, plain: boolean, batch: IngestRowBatch): void;
  /**
   * A malformed line: another field count than the header, or a NUL character (which neither
   * backend stores in text; `line` shows it as U+FFFD). Push a row to keep it (a raw table keeps
   * every line for later stages to judge) or nothing to drop it.
   */
  malformed(lineNumber: number, line: string, detail: string, batch: IngestRowBatch): void;
  /** Called after every batch: a per-batch observer for counts kept across rows. */
  endBatch?(): void;
}

/** A domain's row mapping for one source file. */
export interface DelimitedRowMapping<Columns extends HeaderColumnSpecs> {
  /** Where rows go, in insert order. */
  readonly targets: ReadonlyArray<{ readonly table: string; readonly columns: readonly string[] }>;
  /**
   * When true, the last value of every row is a record key that ingest replaces by its record
   * hash ({@link hashRecordKey}) before inserting; the last column of each target holds it.
   */
  readonly hashRecordKeys?: boolean;
  /** Called once with the parsed header; returns the mapper for the lines after it. */
  start(header: ParsedHeader<Columns>): DelimitedLineMapper;
}

/** Why a line did not become a well-formed row. */
export type LineRejectionReason = "BLANK_LINE" | "MALFORMED_ROW";

/** A rejected line, by number, with its reason code. */
export interface LineRejection {
  readonly lineNumber: number;
  readonly reason: LineRejectionReason;
  readonly detail: string;
}

/**
 * The accounting of an ingest: every line is the header, blank, or a data row, and every data row
 * is accepted (well-formed) or malformed, so `rowsRead = accepted + malformed`.
 */
export interface IngestCounts {
  linesRead: number;
  blankLines: number;
  rowsRead: number;
  accepted: number;
  malformed: number;
}

/** Turns batches of lines into row batches (see {@link createDelimitedLineConverter}). */
export interface DelimitedLineConverter<Columns extends HeaderColumnSpecs> {
  convert(lines: readonly string[]): IngestRowBatch;
  readonly counts: Readonly<IngestCounts>;
  /** Blank and malformed lines, the first {@link maximumRecordedRejections} of them. */
  readonly rejectedLines: readonly LineRejection[];
  header(): ParsedHeader<Columns> | null;
}

/** How many rejected lines an ingest lists; later ones are still counted. */
export const maximumRecordedRejections = 10_000;

const NUL = "\u0000";

type DataLineHandler = (lineNumber: number, line: string, batch: IngestRowBatch) => void;

function recordRejection(
  rejectedLines: LineRejection[],
  lineNumber: number,
  reason: LineRejectionReason,
  detail: string,
): void {
  if (rejectedLines.length < maximumRecordedRejections) rejectedLines.push({ lineNumber, reason, detail });
}

// Made once the header is known, so a row looks up neither the header nor its width.
function createDataLineHandler<Columns extends HeaderColumnSpecs>(
  counts: IngestCounts,
  rejectedLines: LineRejection[],
  { delimiter, columns }: ParsedHeader<Columns>,
  mapper: DelimitedLineMapper,
): DataLineHandler {
  const { fieldCount } = columns;
  return (lineNumber, line, batch) => {
    counts.rowsRead += 1;
    const plain = plainDelimitedFields(line, delimiter, fieldCount);
    if (plain !== null) {
      counts.accepted += 1;
      mapper.row(plain, lineNumber, line, true, batch);
      return;
    }
    const detail = line.includes(NUL)
      ? `line ${lineNumber} contains a NUL character (shown as U+FFFD in the raw line)`
      : null;
    const fields = detail === null ? splitDelimitedLine(line, delimiter) : [];
    if (detail === null && fields.length === fieldCount) {
      counts.accepted += 1;
      mapper.row(fields, lineNumber, line, false, batch);
      return;
    }
    const reason = detail ?? `line ${lineNumber} has ${fields.length} fields; the header has ${fieldCount}`;
    counts.malformed += 1;
    recordRejection(rejectedLines, lineNumber, "MALFORMED_ROW", reason);
    mapper.malformed(lineNumber, detail === null ? line : line.replaceAll(NUL, "\uFFFD"), reason, batch);
  };
}

/**
 * The pure core of {@link ingestDelimitedFile}: numbers lines across batches, skips blank lines,
 * parses the first other line as the header, and hands every later line to the domain's mapper,
 * well-formed or malformed, so nothing is dropped unaccounted.
 */
export function createDelimitedLineConverter<Columns extends HeaderColumnSpecs>(options: {
  readonly path: string;
  readonly header: HeaderSpec<Columns>;
  readonly mapping: DelimitedRowMapping<Columns>;
}): DelimitedLineConverter<Columns> {
  const counts: IngestCounts = { linesRead: 0, blankLines: 0, rowsRead: 0, accepted: 0, malformed: 0 };
  const rejectedLines: LineRejection[] = [];
  let header: ParsedHeader<Columns> | null = null;
  let mapper: DelimitedLineMapper | null = null;
  let dataLine: DataLineHandler | null = null;
  return {
    convert(lines) {
      const batch: IngestRowBatch = options.mapping.targets.map(() => []);
      for (const line of lines) {
        counts.linesRead += 1;
        const lineNumber = counts.linesRead;
        if (isBlankLine(line)) {
          counts.blankLines += 1;
          recordRejection(rejectedLines, lineNumber, "BLANK_LINE", `line ${lineNumber} is blank`);
        } else if (dataLine !== null) dataLine(lineNumber, line, batch);
        else {
          header = parseHeaderLine(options.header, line, lineNumber, options.path);
          mapper = options.mapping.start(header);
          dataLine = createDataLineHandler(counts, rejectedLines, header, mapper);
        }
      }
      mapper?.endBatch?.();
      return batch;
    },
    counts,
    rejectedLines,
    header: () => header,
  };
}
