import {
  type ColumnMap,
  FINRA_COLUMN_SPELLINGS,
  FINRA_REQUIRED_COLUMNS,
  type FinraColumn,
} from "@spine/finra";
import type { HeaderColumns, ParsedHeader, Result } from "@spine/platform";
import { defineHeaderSpec } from "@spine/platform";

type RequiredColumn = (typeof FINRA_REQUIRED_COLUMNS)[number];

// Each column's required flag as a literal type, so resolved positions of required columns are numbers.
type FinraColumnSpecs = {
  readonly [Column in FinraColumn]: {
    readonly aliases: readonly string[];
    readonly required: Column extends RequiredColumn ? true : false;
  };
};

function finraColumnSpecs(): FinraColumnSpecs {
  const required: ReadonlySet<string> = new Set(FINRA_REQUIRED_COLUMNS);
  const entries = Object.entries(FINRA_COLUMN_SPELLINGS).map(([column, aliases]) => [
    column,
    { aliases, required: required.has(column) },
  ]);
  return Object.fromEntries(entries) as FinraColumnSpecs;
}

/**
 * The columns of a FINRA weekly file, with the spellings @spine/finra knows across the FINRA
 * download, the FINRA API export and the project's simple format.
 */
export const finraHeaderSpec = defineHeaderSpec({ columns: finraColumnSpecs() });

type FinraColumns = typeof finraHeaderSpec.columns;

/** A parsed FINRA header: how to split lines and where each column is. */
export type SourceHeader = ParsedHeader<FinraColumns>;

// The declaration's resolved positions are exactly the pure code's ColumnMap.
const columnMapOf = (columns: HeaderColumns<FinraColumns>): ColumnMap => columns;

/** Maps a header to column positions; order is free and unknown columns are ignored. */
export function resolveHeader(fields: readonly string[]): Result<ColumnMap, string> {
  const resolved = finraHeaderSpec.resolve(fields);
  return resolved.ok ? { ok: true, value: columnMapOf(resolved.value) } : resolved;
}
