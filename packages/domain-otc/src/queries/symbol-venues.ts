import { barChart, defineCapturedTableQuery } from "@spine/platform";
import { z } from "zod";
import { otcCaptures } from "../pipelines/support/otc-captures.js";
import { tierWeekParams } from "../pipelines/support/tier-week-params.js";
import { otcColumns } from "./support/otc-columns.js";

/** The venues that traded one symbol in a tier-week, largest first: the symbol view's venue bars. */
export const symbolVenuesQuery = defineCapturedTableQuery(otcCaptures, {
  name: "otc.symbol_venues",
  description: "Each venue's (MPID's) volume and trades in one symbol for a tier-week, largest first.",
  table: "otc_venue_volume",
  params: tierWeekParams.extend({ symbol: z.string().trim().min(1).describe("issue symbol (case kept)") }),
  columns: otcColumns("tier week_ending symbol mpid market_participant_name share_volume trade_count"),
  chart: barChart("symbol", "mpid", "share_volume", "Venues trading the symbol", "shares"),
  equal: ["tier", "week_ending", "symbol"],
  orderBy: ["share_volume desc", "mpid"],
});
