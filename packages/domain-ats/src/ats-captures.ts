import { tierWeekLabel } from "@spine/finra";
import { defineCapturedTable, defineCaptures } from "@spine/platform";
import { atsStageGraph } from "./ats-stages.js";

const perTierWeek = ["tier", "week_ending"];

/** What every ATS stage writes, kept per capture: a forced rerun or a republished file adds a capture beside
 * the old one. Ids read `aggregate:ats-tier1:2025-09-12:1`. */
export const atsCaptures = defineCaptures({
  domain: "ats",
  graph: atsStageGraph,
  partitionLabel: tierWeekLabel("ats-"),
  tables: [
    defineCapturedTable({ name: "ats_raw_lines", keyColumns: ["line_number"], raw: true }),
    ...["ats_venue_rows", "ats_market_share", "ats_symbol_hhi", "ats_share_trend", "ats_snapshot"].map(
      (name) => defineCapturedTable({ name, partitionColumns: perTierWeek }),
    ),
  ],
});
