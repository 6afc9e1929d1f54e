import type { RawBuilder } from "kysely";
import { sql } from "kysely";
import type { CapturedTableDefinition, CapturesDefinition } from "./define-captures.js";

/**
 * The `create view <table>_latest` statement for a migration: the table's rows of the newest
 * capture of each partition, stage and variant. When the table declares its partition columns the
 * view also matches the capture's partition key rebuilt from them (`json_quote`, which the
 * platform provides on PostgreSQL too), so a filter on those columns finds the partition's
 * captures through core_captures' index and then the rows by `capture_id`, instead of scanning
 * every partition ever loaded. Partition columns must hold text.
 *
 * It needs only the domain's name, so a migration passes `{ domain }` and never imports today's
 * capture declaration. Its output is frozen like a migration: a different view shape will be a new function.
 */
export function latestViewSql(
  captures: Pick<CapturesDefinition, "domain">,
  table: CapturedTableDefinition,
): RawBuilder<unknown> {
  const domain = captures.domain.replaceAll("'", "''");
  const columns = [...(table.partitionColumns ?? [])].sort();
  const join = `join core_captures_latest c on c.capture_id = t.capture_id and c.domain = '${domain}'`;
  if (columns.length === 0) {
    return sql.raw(`create view ${table.name}_latest as select t.* from ${table.name} t\n${join}`);
  }
  const key = columns
    .map((column, index) => `'${index === 0 ? "{" : ","}"${column}":' || json_quote(t.${column})`)
    .join(" || ");
  return sql.raw(
    `create view ${table.name}_latest as select t.* from ${table.name} t\n${join}\n  and c.partition_key = ${key} || '}'`,
  );
}
