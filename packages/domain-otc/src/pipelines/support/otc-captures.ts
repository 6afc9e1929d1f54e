import { tierWeekLabel } from "@spine/finra";
import { defineCapturedTable, defineCaptures } from "@spine/platform";
import { otcStages } from "../../otc-stages.js";
import { otcRawRowsFromSource } from "./raw-rows-from-source.js";

// Derived rows keep their partition once, on the capture (migration 0008).
const derivedTable = (name: string, keyColumns = ["symbol"]) =>
  defineCapturedTable({ name: `${name}_rows`, keyColumns });

/** The OTC captures: tier-week partitions, ids such as `aggregate:otc:2025-10-03:2`, and the row tables. */
export const otcCaptures = defineCaptures({
  domain: "otc",
  graph: otcStages,
  partitionLabel: tierWeekLabel(),
  tables: [
    defineCapturedTable({ name: "otc_raw_rows", keyColumns: ["line_number"], raw: true }),
    // The capture's metadata profile: no data rows of its own.
    defineCapturedTable({ name: "otc_raw_metadata", countRows: false }),
    defineCapturedTable({ name: "otc_venue_volume_rows", keyColumns: ["symbol", "mpid"] }),
    derivedTable("otc_symbol_summary"),
    derivedTable("otc_venue_share", ["mpid"]),
    derivedTable("otc_symbol_concentration"),
    derivedTable("otc_liquidity_score"),
    derivedTable("otc_symbol_rolling"),
    derivedTable("otc_research_snapshot"),
  ],
  rawRowsFromSource: otcRawRowsFromSource,
});
