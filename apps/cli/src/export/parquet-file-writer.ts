import { fileWriter, ParquetWriter } from "hyparquet-writer";
import type { ParquetColumnKind } from "./parquet-column-kind.js";
import { parquetColumnKind, parquetValue } from "./parquet-column-kind.js";
import type { ExportColumn, ExportRow, RowFileWriter } from "./row-file-writer.js";

const schemaTypes: Record<ParquetColumnKind, { type: string; converted_type?: string }> = {
  INT64: { type: "INT64" },
  DOUBLE: { type: "DOUBLE" },
  BOOLEAN: { type: "BOOLEAN" },
  DATE: { type: "INT32", converted_type: "DATE" },
  STRING: { type: "BYTE_ARRAY", converted_type: "UTF8" },
};

/**
 * Parquet through hyparquet-writer (pure JavaScript, snappy-compressed): each batch becomes row
 * groups as it arrives, so a table of any size streams through. Column types are fixed by the
 * first batch (see parquetColumnKind); every column is nullable.
 */
export async function createParquetFileWriter(
  path: string,
  columns: readonly ExportColumn[],
): Promise<RowFileWriter> {
  let writer: ParquetWriter | null = null;
  let kinds: ParquetColumnKind[] = [];
  const start = (sample: readonly ExportRow[]): ParquetWriter => {
    kinds = columns.map((column) => parquetColumnKind(column, sample));
    const schema = [
      { name: "root", num_children: columns.length },
      ...columns.map((column, index) => ({
        name: column.name,
        repetition_type: "OPTIONAL" as const,
        ...schemaTypes[kinds[index] as ParquetColumnKind],
      })),
    ];
    return new ParquetWriter({
      writer: fileWriter(path),
      schema: schema as never,
      createdBy: "market-spine",
    });
  };
  return {
    async write(rows) {
      if (rows.length === 0) return;
      writer ??= start(rows);
      const columnData = columns.map((column, index) => ({
        name: column.name,
        data: rows.map((row) =>
          parquetValue(column.name, kinds[index] as ParquetColumnKind, row[column.name]),
        ),
      }));
      await writer.write({ columnData: columnData as never, rowGroupSize: rows.length });
    },
    async finish() {
      (writer ?? start([])).finish();
    },
  };
}
