import type { CalculationChoice, PipelineContext } from "@spine/platform";
import { SpineError, sql } from "@spine/platform";
import type { AggregateTarget } from "./aggregate-statements.js";
import { createSymbolTotals, dropSymbolTotals, symbolTotalsTable } from "./aggregate-statements.js";

const derivedColumns = sql.raw("capture_id, calc_name, calc_version");

/** Liquidity score v2 (computeLiquidityScoreV2): trades x active venues, from the symbol totals pass. */
function insertLiquidityScoreV2(target: AggregateTarget, version: { name: string; version: string }) {
  return sql`insert into otc_liquidity_score_rows (${derivedColumns}, symbol, avg_trade_size, venue_count, liquidity_score)
select ${target.captureId}, ${version.name}, ${version.version},
  symbol, case when total_trades = 0 then null else cast(total_volume as double precision) / total_trades end, venue_count,
  cast(total_trades as double precision) * venue_count
from ${sql.table(symbolTotalsTable)}`;
}

const variantWriters: Readonly<
  Record<
    string,
    (target: AggregateTarget, version: { name: string; version: string }) => ReturnType<typeof sql>
  >
> = {
  "liquidity_score:v2": insertLiquidityScoreV2,
};

/**
 * Writes only the calculations whose chosen version is not the current one, into a capture of
 * their own variant: the current rows stay untouched and both versions are served side by side.
 * Returns the rows written per table.
 */
export async function writeVariantAggregates(
  context: PipelineContext,
  target: AggregateTarget,
  choice: CalculationChoice,
): Promise<number> {
  const writers = choice.changed.map((name) => {
    const definition = choice.chosen.get(name);
    const writer = definition && variantWriters[`${name}:${definition.version}`];
    if (!definition || !writer)
      throw new SpineError("INTERNAL", `No SQL for calculation ${name} ${definition?.version}`);
    return writer(target, definition);
  });
  await createSymbolTotals(target).execute(context.scope.db);
  for (const statement of writers) await statement.execute(context.scope.db);
  const count = await sql<{
    n: number | string;
  }>`select count(*) as n from ${sql.table(symbolTotalsTable)}`.execute(context.scope.db);
  await dropSymbolTotals().execute(context.scope.db);
  return Number(count.rows[0]?.n ?? 0);
}
