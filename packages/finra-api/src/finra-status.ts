import {
  addWeeks,
  expectedPublicationDate,
  FINRA_DATASETS,
  type FinraDataset,
  TIERS,
  type Tier,
} from "@spine/finra";
import type { ManifestReader } from "@spine/platform";
import { type FinraApiClient, publishedTierWeeks } from "./finra-api-client.js";

/** One line of `spine finra status`: a tier of one FINRA dataset, published against loaded. */
export type FinraStatusRow = {
  readonly domain: FinraDataset;
  readonly tier: Tier;
  /** FINRA's newest week of the tier (partitions endpoint), or null when it lists none. */
  readonly latest_published: string | null;
  /** The newest week of the tier this database has ingested, or null. */
  readonly latest_loaded: string | null;
  /** Published weeks newer than the newest loaded one. */
  readonly weeks_behind: number;
  /** The week FINRA publishes next, and when (its publication calendar). */
  readonly next_week: string | null;
  readonly next_publication: string | null;
};

function newest(weeks: readonly string[]): string | null {
  return weeks.length === 0 ? null : ([...weeks].sort().at(-1) ?? null);
}

/**
 * Per FINRA dataset (domain) and tier: the newest week FINRA has published, the newest loaded
 * here (the domain's ingest manifest), how many published weeks are missing after it, and the next
 * week FINRA is expected to publish with its date. The partitions endpoint is shared by both
 * datasets, so their published weeks agree.
 */
export async function readFinraStatus(
  client: FinraApiClient,
  manifest: ManifestReader,
): Promise<FinraStatusRow[]> {
  const published = await publishedTierWeeks(client);
  const rows: FinraStatusRow[] = [];
  for (const domain of FINRA_DATASETS) {
    const loaded = await manifest.list(domain, { stage: "ingest" });
    for (const tier of TIERS) {
      const tierWeeks = published.filter((week) => week.tier === tier).map((week) => week.weekEnding);
      const latestPublished = newest(tierWeeks);
      const latestLoaded = newest(
        loaded
          .filter((entry) => entry.partition.tier === tier)
          .map((entry) => String(entry.partition.week_ending)),
      );
      const nextWeek = latestPublished === null ? null : addWeeks(latestPublished, 1);
      rows.push({
        domain,
        tier,
        latest_published: latestPublished,
        latest_loaded: latestLoaded,
        weeks_behind: tierWeeks.filter((week) => latestLoaded === null || week > latestLoaded).length,
        next_week: nextWeek,
        next_publication: nextWeek === null ? null : expectedPublicationDate(tier, nextWeek),
      });
    }
  }
  return rows;
}
