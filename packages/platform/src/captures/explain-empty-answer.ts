import { sql } from "kysely";
import type { SqlScope } from "../database/spine-database.js";
import type { CapturesDefinition } from "./define-captures.js";

/**
 * A text parameter checked against the values a table holds, to tell a typo from a miss: the value
 * as typed, in upper and in lower case (a symbol typed in lower case is found; another mix is not).
 */
export interface QueryLookup {
  readonly table: string;
  readonly column: string;
}

type Params = Readonly<Record<string, unknown>>;
type PartitionKey = Record<string, unknown>;

const sameValue = (left: unknown, right: unknown) => String(left) === String(right);

// The partitions holding data, the date each first became knowable, newest last.
async function loadedPartitions(scope: SqlScope, domain: string) {
  const rows = await scope.db
    .selectFrom("core_captures")
    .select(["partition_key"])
    .select((expression) => expression.fn.min("knowable_date").as("knowable"))
    .where("domain", "=", domain)
    .groupBy("partition_key")
    .execute();
  return rows
    .map((row) => ({ key: JSON.parse(row.partition_key) as PartitionKey, knowable: row.knowable }))
    .sort((left, right) => (JSON.stringify(left.key) < JSON.stringify(right.key) ? -1 : 1));
}

function describeValues(values: readonly unknown[]): string {
  const sorted = [...new Set(values.map(String))].sort();
  if (sorted.length <= 3) return sorted.join(", ");
  return `${sorted[0]} to ${sorted.at(-1)} (${sorted.length})`;
}

// Which of the asked partition values are not loaded, relaxing the last asked field (the most
// specific, e.g. the week) to say what is loaded instead.
function explainMissingPartition(
  domain: string,
  loaded: readonly PartitionKey[],
  asked: readonly string[],
  params: Params,
) {
  const wanted = asked.map((field) => `${field}=${String(params[field])}`).join(", ");
  const last = asked.at(-1) as string;
  const near = loaded.filter((key) =>
    asked.slice(0, -1).every((field) => sameValue(key[field], params[field])),
  );
  const scope = asked
    .slice(0, -1)
    .map((field) => `${field}=${String(params[field])}`)
    .join(", ");
  const what = near.length === 0 ? "nothing" : `${last} ${describeValues(near.map((key) => key[last]))}`;
  return `no ${domain} data for ${wanted}; loaded${scope ? ` for ${scope}` : ""}: ${what}`;
}

async function explainLookups(
  scope: SqlScope,
  lookups: Readonly<Record<string, QueryLookup>>,
  params: Params,
) {
  const notes: string[] = [];
  for (const [name, lookup] of Object.entries(lookups)) {
    const value = params[name];
    if (typeof value !== "string" || value === "") continue;
    // Equality with the spellings a caller most likely meant (as typed, upper, lower case) seeks
    // a key; upper(column) = ... read every row of the table, seconds at five years of FINRA weeks.
    const spellings = [...new Set([value, value.toUpperCase(), value.toLowerCase()])];
    const found = await sql<{ value: string }>`select distinct ${sql.ref(lookup.column)} as value
      from ${sql.table(lookup.table)} where ${sql.ref(lookup.column)} in (${sql.join(spellings)}) limit 3`.execute(
      scope.db,
    );
    const matches = found.rows.map((row) => row.value);
    if (matches.includes(value)) continue;
    notes.push(
      matches.length > 0
        ? `${name}=${value} matches nothing; values are case-sensitive: did you mean ${matches.join(" or ")}?`
        : `${name}=${value} is not in ${lookup.table}`,
    );
  }
  return notes;
}

/**
 * Why a query of captured data returned no rows, in lines a person can act on: nothing loaded
 * yet, the asked partition not loaded (and what is), not knowable yet on `as_of`, or a lookup
 * parameter that matches nothing (a symbol typed in lower case). Empty when no reason is found.
 */
export async function explainEmptyAnswer(
  scope: SqlScope,
  captures: Pick<CapturesDefinition, "domain">,
  params: Params,
  lookups: Readonly<Record<string, QueryLookup>> = {},
): Promise<string[]> {
  const partitions = await loadedPartitions(scope, captures.domain);
  if (partitions.length === 0)
    return [`no ${captures.domain} data is loaded yet: load files with \`spine load <files or folders>\``];
  const fields = Object.keys(partitions[0]?.key ?? {});
  const asked = fields.filter((field) => params[field] !== undefined && params[field] !== null);
  const matching = partitions.filter((entry) =>
    asked.every((field) => sameValue(entry.key[field], params[field])),
  );
  if (asked.length > 0 && matching.length === 0) {
    return [
      explainMissingPartition(
        captures.domain,
        partitions.map((entry) => entry.key),
        asked,
        params,
      ),
    ];
  }
  const asOf = params.as_of;
  if (
    typeof asOf === "string" &&
    matching.every((entry) => entry.knowable !== null && entry.knowable > asOf)
  ) {
    const first = describeValues(matching.map((entry) => entry.knowable));
    return [`nothing asked for was knowable on as_of=${asOf}: first knowable ${first}`];
  }
  return explainLookups(scope, lookups, params);
}
