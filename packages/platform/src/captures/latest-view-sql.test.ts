import { Kysely, SqliteDialect } from "kysely";
import { describe, expect, it } from "vitest";
import { definePartition } from "../stages/define-partition.js";
import { defineStageGraph } from "../stages/define-stage-graph.js";
import { defineCapturedTable, defineCaptures } from "./define-captures.js";
import { latestViewSql } from "./latest-view-sql.js";

const captures = defineCaptures({
  domain: "otc",
  graph: defineStageGraph({
    partition: definePartition({
      fields: ["tier", "week_ending"],
      order: { field: "week_ending", advance: (week) => week },
      noun: "tier-week",
    }),
    stages: ["ingest", "aggregate"],
  }),
  partitionLabel: (partition) => String(partition.week_ending),
  tables: [],
});

const compiler = new Kysely<unknown>({ dialect: new SqliteDialect({ database: {} as never }) });

function textOf(table: ReturnType<typeof defineCapturedTable>): string {
  return latestViewSql(captures, table).compile(compiler).sql;
}

describe("unit", () => {
  it("joins on the partition key rebuilt from the partition columns, in canonical (sorted) order", () => {
    const table = defineCapturedTable({
      name: "otc_symbol_summary",
      partitionColumns: ["week_ending", "tier"],
    });
    expect(textOf(table)).toBe(`create view otc_symbol_summary_latest as select t.* from otc_symbol_summary t
join core_captures_latest c on c.capture_id = t.capture_id and c.domain = 'otc'
  and c.partition_key = '{"tier":' || json_quote(t.tier) || ',"week_ending":' || json_quote(t.week_ending) || '}'`);
  });

  it("joins on the capture alone when the table holds no partition columns", () => {
    expect(textOf(defineCapturedTable({ name: "otc_raw_rows" }))).toBe(
      `create view otc_raw_rows_latest as select t.* from otc_raw_rows t
join core_captures_latest c on c.capture_id = t.capture_id and c.domain = 'otc'`,
    );
  });

  it("refuses table names that are not plain identifiers", () => {
    expect(() => defineCapturedTable({ name: "x; drop table y" })).toThrow(/not a lower-case SQL identifier/);
  });
});
