import { tierWeekLabel } from "@spine/finra";
import { defineCapturedTable, defineCaptures, sharedValuesTable } from "@spine/platform";
import { otcStages } from "../../otc-stages.js";
import { issueNames, participantNames } from "./otc-plain-copy.js";
import { otcRawRowsFromSource } from "./raw-rows-from-source.js";

// Row tables keep their partition on the capture (0002, 0008); venue rows compare as their view names them (0013).
const derivedTable = (name: string, keyColumns = ["symbol"], view: { comparedAs?: string } = {}) =>
  defineCapturedTable({ name: `${name}_rows`, keyColumns, ...view });

/** The OTC captures: tier-week partitions, ids such as `aggregate:otc:2025-10-03:2`, and the row tables. */
export const otcCaptures = defineCaptures({
  domain: "otc",
  graph: otcStages,
  partitionLabel: tierWeekLabel(),
  tables: [
    defineCapturedTable({ name: "otc_raw_rows", keyColumns: ["line_number"], raw: true }),
    // The capture's metadata profile: no data rows of its own.
    defineCapturedTable({ name: "otc_raw_metadata", countRows: false }),
    ...[issueNames, participantNames].map(sharedValuesTable),
    derivedTable("otc_venue_volume", ["symbol", "mpid"], { comparedAs: "otc_venue_volume" }),
    derivedTable("otc_symbol_summary"),
    derivedTable("otc_venue_share", ["mpid"]),
    derivedTable("otc_symbol_concentration"),
    derivedTable("otc_liquidity_score"),
    derivedTable("otc_symbol_rolling"),
    derivedTable("otc_research_snapshot"),
  ],
  rawRowsFromSource: otcRawRowsFromSource,
});
