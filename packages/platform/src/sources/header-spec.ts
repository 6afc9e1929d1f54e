import type { Result } from "../errors/result.js";
import { fail, ok } from "../errors/result.js";
import { SpineError } from "../errors/spine-error.js";
import type { Delimiter } from "./delimiter.js";
import { detectDelimiter } from "./delimiter.js";
import { splitDelimitedLine } from "./split-delimited-line.js";

/** One column a source may carry: its spellings, earliest preferred, and whether a file must have it. */
export interface HeaderColumnSpec {
  readonly aliases: readonly string[];
  readonly required?: boolean;
}

/** Column declarations by the name the domain uses for each. */
export type HeaderColumnSpecs = Readonly<Record<string, HeaderColumnSpec>>;

/**
 * Zero-based field positions of a resolved header, by declared name: a number for required
 * columns, null for optional columns the file lacks; `fieldCount` is the header's width.
 */
export type HeaderColumns<Columns extends HeaderColumnSpecs> = { readonly fieldCount: number } & {
  readonly [Name in keyof Columns]: Columns[Name] extends { readonly required: true }
    ? number
    : number | null;
};

/** A declarative header: see {@link defineHeaderSpec}. */
export interface HeaderSpec<Columns extends HeaderColumnSpecs> {
  readonly columns: Columns;
  /** Maps header fields to positions, or fails with one issue naming every missing required column. */
  resolve(fields: readonly string[]): Result<HeaderColumns<Columns>, string>;
}

/** A parsed header line: how to split the lines after it and where each column is. */
export interface ParsedHeader<Columns extends HeaderColumnSpecs> {
  readonly delimiter: Delimiter;
  readonly columns: HeaderColumns<Columns>;
  readonly lineNumber: number;
}

// Case, surrounding whitespace, underscores and a leading BOM vary between exports; meaning doesn't.
function normaliseColumnName(name: string): string {
  return name
    .replace(/^\uFEFF/, "")
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, "");
}

function indexHeader(fields: readonly string[]): Map<string, number> {
  const positions = new Map<string, number>();
  fields.forEach((field, position) => {
    const name = normaliseColumnName(field);
    // First occurrence wins so a duplicated header name cannot shift data silently.
    if (!positions.has(name)) positions.set(name, position);
  });
  return positions;
}

function findColumn(positions: ReadonlyMap<string, number>, aliases: readonly string[]): number | null {
  for (const alias of aliases) {
    const position = positions.get(normaliseColumnName(alias));
    if (position !== undefined) return position;
  }
  return null;
}

/**
 * Declares the columns of a delimited source: each by the domain's name, with its accepted
 * spellings (`aliases`, matched case-insensitively, ignoring whitespace, underscores and a BOM;
 * earlier aliases win when a header has several) and whether it is `required`. Column order is
 * free and unknown columns are ignored.
 */
export function defineHeaderSpec<const Columns extends HeaderColumnSpecs>(spec: {
  readonly columns: Columns;
}): HeaderSpec<Columns> {
  const entries = Object.entries(spec.columns);
  return {
    columns: spec.columns,
    resolve(fields) {
      const positions = indexHeader(fields);
      const resolved: Record<string, number | null> = { fieldCount: fields.length };
      const missing: string[] = [];
      for (const [name, column] of entries) {
        const position = findColumn(positions, column.aliases);
        if (position === null && column.required === true)
          missing.push(`${name} (${column.aliases.join(" or ")})`);
        resolved[name] = position;
      }
      if (missing.length > 0) return fail(`header is missing required columns: ${missing.join(", ")}`);
      return ok(resolved as HeaderColumns<Columns>);
    },
  };
}

/**
 * Parses a source's header line: detects its delimiter and resolves its columns, or throws a
 * `SOURCE` error naming the path and every missing required column.
 */
export function parseHeaderLine<Columns extends HeaderColumnSpecs>(
  spec: HeaderSpec<Columns>,
  line: string,
  lineNumber: number,
  path: string,
): ParsedHeader<Columns> {
  const delimiter = detectDelimiter(line);
  const resolved = spec.resolve(splitDelimitedLine(line, delimiter));
  if (!resolved.ok)
    throw new SpineError("SOURCE", `${path}: ${resolved.issues.join("; ")}`, { details: { path } });
  return { delimiter, columns: resolved.value, lineNumber };
}
