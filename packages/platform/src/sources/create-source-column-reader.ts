import type { HeaderColumnSpecs, HeaderSpec } from "./header-spec.js";
import type { SourceColumnReader } from "./source-column-reader.js";
import { visitSourceColumn } from "./visit-source-column.js";
import { visitSourceRows } from "./visit-source-rows.js";

/**
 * A {@link SourceColumnReader} of `column` of the source at `path`, over the streaming reader:
 * `values` finds the one field without splitting plain lines ({@link visitSourceColumn}),
 * `keyedValues` splits every line. A header without the column (or a key column) visits nothing.
 */
export function createSourceColumnReader<Columns extends HeaderColumnSpecs>(
  path: string,
  spec: HeaderSpec<Columns>,
  column: keyof Columns & string,
  keyColumns: ReadonlyArray<keyof Columns & string>,
): SourceColumnReader {
  return {
    values: async (visit) => {
      await visitSourceColumn(path, spec, column, visit);
    },
    keyedValues: async (visit) => {
      let positions: Array<number | null> | undefined;
      await visitSourceRows(path, spec, (fields, header) => {
        positions ??= [column, ...keyColumns].map((name) => header.columns[name] as number | null);
        if (positions.includes(null)) return;
        const [value, ...key] = positions.map((position) => fields[position as number] ?? "");
        visit(key.map((part) => part.trim()).join("|"), value ?? "");
      });
    },
  };
}
