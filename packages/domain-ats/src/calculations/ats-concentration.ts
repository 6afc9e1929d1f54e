import { computeSymbolConcentration, type VolumeRow } from "@spine/finra";

/** How concentrated one symbol's ATS volume is, in ATS terms. */
export interface AtsSymbolConcentration {
  readonly symbol: string;
  /** ATSs that traded the symbol (zero-activity rows do not count). */
  readonly atsCount: number;
  /** Herfindahl-Hirschman index over ATS shares, 0..1; null when no ATS traded a share. */
  readonly hhi: number | null;
  readonly topAtsMpid: string | null;
  readonly topAtsShare: number | null;
}

/** Each symbol's ATS concentration for one tier-week, sorted by symbol. */
export function computeAtsConcentration(volumes: readonly VolumeRow[]): AtsSymbolConcentration[] {
  return computeSymbolConcentration(volumes).map(({ symbol, venueCount, hhi, topMpid, topShare }) => ({
    symbol,
    atsCount: venueCount,
    hhi,
    topAtsMpid: topMpid,
    topAtsShare: topShare,
  }));
}
