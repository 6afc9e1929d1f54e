import { SpineError } from "@spine/platform";
import type { ExportColumn, ExportRow } from "./row-file-writer.js";

/** How a column is stored in Parquet. */
export type ParquetColumnKind = "INT64" | "DOUBLE" | "BOOLEAN" | "DATE" | "STRING";

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function allValues(rows: readonly ExportRow[], name: string, test: (value: unknown) => boolean): boolean {
  let seen = false;
  for (const row of rows) {
    const value = row[name];
    if (value === null || value === undefined) continue;
    if (!test(value)) return false;
    seen = true;
  }
  return seen;
}

const isDateText = (value: unknown) => typeof value === "string" && isoDate.test(value);
const isWholeNumber = (value: unknown) =>
  typeof value === "bigint" || (typeof value === "number" && Number.isSafeInteger(value));

function kindOfDeclared(declared: string, name: string, sample: readonly ExportRow[]): ParquetColumnKind {
  if (/int/i.test(declared)) return "INT64";
  if (/double|real|float|numeric|decimal/i.test(declared)) return "DOUBLE";
  if (/bool/i.test(declared)) return "BOOLEAN";
  return allValues(sample, name, isDateText) ? "DATE" : "STRING";
}

/**
 * A column's Parquet type: from the database's declared type for a table (its dates are text
 * holding YYYY-MM-DD, told by the first rows), else from the values of a query's rows: whole
 * numbers INT64, other numbers DOUBLE, booleans, YYYY-MM-DD dates, and text for the rest.
 */
export function parquetColumnKind(column: ExportColumn, sample: readonly ExportRow[]): ParquetColumnKind {
  if (column.declaredType !== null) return kindOfDeclared(column.declaredType, column.name, sample);
  const { name } = column;
  if (allValues(sample, name, (value) => typeof value === "boolean")) return "BOOLEAN";
  if (allValues(sample, name, isWholeNumber)) return "INT64";
  if (allValues(sample, name, (value) => typeof value === "number" || typeof value === "bigint"))
    return "DOUBLE";
  if (allValues(sample, name, isDateText)) return "DATE";
  return "STRING";
}

function refuse(column: string, kind: ParquetColumnKind, value: unknown): never {
  throw new SpineError(
    "VALIDATION",
    `Column ${column} was typed ${kind} from its first rows, but holds ${JSON.stringify(String(value))}; export it as csv or jsonl.`,
  );
}

function toInteger(column: string, value: unknown): bigint {
  if (typeof value === "bigint") return value;
  if (typeof value === "number" && Number.isSafeInteger(value)) return BigInt(value);
  // PostgreSQL's bigint and numeric may arrive as text.
  if (typeof value === "string" && /^-?\d+$/.test(value)) return BigInt(value);
  return refuse(column, "INT64", value);
}

/** Converts one value to what the Parquet writer takes for `kind`; null stays null. */
export function parquetValue(column: string, kind: ParquetColumnKind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case "INT64":
      return toInteger(column, value);
    case "DOUBLE": {
      const number = Number(value);
      return Number.isNaN(number) && !Number.isNaN(value) ? refuse(column, kind, value) : number;
    }
    case "BOOLEAN":
      return value === true || value === 1 || value === "1" || value === "true";
    case "DATE":
      return isDateText(value) ? new Date(`${value as string}T00:00:00Z`) : refuse(column, kind, value);
    default:
      return typeof value === "string" ? value : JSON.stringify(value);
  }
}
