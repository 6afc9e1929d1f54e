import { sumDecimals } from "@spine/platform/pure";

/** One ATS's standing in one week of a window (from that week's aggregate). */
export interface WeeklyAtsShare {
  readonly weekEnding: string;
  readonly mpid: string;
  readonly shares: number;
  readonly marketShare: number;
}

/** An ATS over a window of weeks ending at `weekEnding`. */
export interface AtsShareTrend {
  readonly mpid: string;
  /** Weeks of the window in which the ATS reported volume. */
  readonly weeksPresent: number;
  readonly windowShares: number;
  /** Its market share averaged over the window's weeks that have data (absent weeks count as 0). */
  readonly meanShare: number;
  /** Share in the last week minus share in the window's first week with data; null when absent in either. */
  readonly shareChange: number | null;
}

/** Each ATS's trend over the weeks given (one window of one tier), sorted by MPID. The window's weeks are the
 * weeks that have data at all, so a week FINRA has not published yet neither dilutes the mean nor counts as a
 * drop. */
export function computeAtsShareTrends(weeks: readonly WeeklyAtsShare[], weekEnding: string): AtsShareTrend[] {
  const weeksWithData = [...new Set(weeks.map((week) => week.weekEnding))].sort();
  const firstWeek = weeksWithData[0];
  const byAts = new Map<string, WeeklyAtsShare[]>();
  for (const week of weeks) byAts.set(week.mpid, [...(byAts.get(week.mpid) ?? []), week]);
  return [...byAts.keys()].sort().map((mpid) => {
    const own = byAts.get(mpid) ?? [];
    const shareIn = (date: string | undefined) => own.find((week) => week.weekEnding === date)?.marketShare;
    const last = shareIn(weekEnding);
    const first = shareIn(firstWeek);
    return {
      mpid,
      weeksPresent: own.filter((week) => week.shares > 0).length,
      windowShares: sumDecimals(own, (week) => week.shares),
      meanShare: own.reduce((sum, week) => sum + week.marketShare, 0) / Math.max(weeksWithData.length, 1),
      shareChange: last === undefined || first === undefined ? null : last - first,
    };
  });
}
