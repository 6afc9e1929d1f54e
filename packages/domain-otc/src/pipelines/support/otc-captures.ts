import { defineCapturedTable, defineCaptures } from "@spine/platform";
import type { Tier } from "../../models/tier.js";
import { tierSlug } from "../../models/tier.js";

/** Stages that produce captures, in workflow order. */
export type CaptureStage = "ingest" | "normalize" | "aggregate" | "rolling" | "snapshot";

const derivedTable = (name: string) =>
  defineCapturedTable({ name, partitionColumns: ["tier", "week_ending"] });

/** The OTC captures: tier-week partitions, ids such as `aggregate:otc:2025-10-03:2`, and the row tables. */
export const otcCaptures = defineCaptures({
  domain: "otc",
  stages: ["ingest", "normalize", "aggregate", "rolling", "snapshot"],
  partitionFields: ["tier", "week_ending"],
  // Captures are only ever opened with a parsed Tier.
  partitionLabel: (partition) => `${tierSlug(partition.tier as Tier)}:${partition.week_ending}`,
  tables: [
    defineCapturedTable({ name: "otc_raw_rows" }),
    // The capture's metadata profile: no data rows of its own.
    defineCapturedTable({ name: "otc_raw_metadata", countRows: false }),
    defineCapturedTable({ name: "otc_venue_volume_rows" }),
    derivedTable("otc_symbol_summary"),
    derivedTable("otc_venue_share"),
    derivedTable("otc_symbol_concentration"),
    derivedTable("otc_liquidity_score"),
    derivedTable("otc_symbol_rolling"),
    derivedTable("otc_research_snapshot"),
  ],
});
