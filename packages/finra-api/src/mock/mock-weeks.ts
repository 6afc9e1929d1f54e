import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  API_TIER_IDENTIFIERS,
  type ApiRow,
  DETAIL_SUMMARY_TYPE_CODES,
  expectedPublicationDate,
  FINRA_DATASETS,
  type FinraDataset,
  parseSourceFileName,
  type Tier,
  weekStartDateOf,
} from "@spine/finra";
import { detectDelimiter, splitDelimitedLine } from "@spine/platform";

/** One tier-week the mock serves: its partition fields and every row of it, detail and summary. */
export interface MockWeek {
  readonly tier: Tier;
  readonly weekEnding: string;
  readonly rows: readonly ApiRow[];
}

const numericFields = new Set(["totalWeeklyShareQuantity", "totalWeeklyTradeCount"]);

// A clean count becomes a JSON number as the API sends it; anything else stays text, so a file's
// odd values reach the connector unchanged.
function apiValue(field: string, text: string): unknown {
  return numericFields.has(field) && /^\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}

/** The API rows of a downloaded (or API-exported) file of a known dataset and tier-week. */
export function apiRowsOfFile(path: string, dataset: FinraDataset, tier: Tier, weekEnding: string): ApiRow[] {
  const lines = readFileSync(path, "utf8")
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "");
  const [header = "", ...data] = lines;
  const delimiter = detectDelimiter(header);
  const columns = splitDelimitedLine(header, delimiter).map((name) => name.trim());
  const fixed = {
    tierIdentifier: API_TIER_IDENTIFIERS[tier],
    tierDescription: tier,
    weekStartDate: weekStartDateOf(weekEnding),
    summaryTypeCode: DETAIL_SUMMARY_TYPE_CODES[dataset],
    initialPublishedDate: expectedPublicationDate(tier, weekEnding),
  };
  return data.map((line) => {
    const fields = splitDelimitedLine(line, delimiter);
    const row: Record<string, unknown> = { ...fixed };
    columns.forEach((column, index) => {
      const value = fields[index] ?? "";
      if (value !== "" || !(column in fixed)) row[column] = apiValue(column, value);
    });
    row.tierIdentifier = fixed.tierIdentifier;
    return row;
  });
}

/** Every file of a folder named as an OTC or ATS file, as mock weeks (unnamed files are left out). */
export function loadMockWeeks(folder: string): MockWeek[] {
  const weeks: MockWeek[] = [];
  for (const name of readdirSync(folder).sort()) {
    for (const dataset of FINRA_DATASETS) {
      const parsed = parseSourceFileName(name, dataset);
      if (parsed === null) continue;
      const rows = apiRowsOfFile(join(folder, name), dataset, parsed.tier, parsed.weekEnding);
      weeks.push({ tier: parsed.tier, weekEnding: parsed.weekEnding, rows });
    }
  }
  return weeks;
}

/** What {@link generateMockWeek} makes: a tier-week of one dataset with `rows` detail rows. */
export interface GeneratedWeekOptions {
  readonly dataset: FinraDataset;
  readonly tier: Tier;
  readonly weekEnding: string;
  readonly rows: number;
  /** Pads issue names to this many characters, to make pages reach the byte cap before the row cap. */
  readonly issueNameLength?: number;
}

/** A generated tier-week of detail rows (symbols S0000.., firms MP00..), deterministic. */
export function generateMockWeek(options: GeneratedWeekOptions): MockWeek {
  const published = expectedPublicationDate(options.tier, options.weekEnding);
  const rows = Array.from({ length: options.rows }, (_, index) => {
    const symbol = `S${String(Math.floor(index / 10)).padStart(4, "0")}`;
    const mpid = `MP${String(index % 10).padStart(2, "0")}`;
    return {
      tierIdentifier: API_TIER_IDENTIFIERS[options.tier],
      tierDescription: options.tier,
      weekStartDate: weekStartDateOf(options.weekEnding),
      issueSymbolIdentifier: symbol,
      issueName: `${symbol} Holdings`.padEnd(options.issueNameLength ?? 0, "x"),
      MPID: mpid,
      marketParticipantName: `Participant ${mpid}`,
      totalWeeklyShareQuantity: 1_000 + ((index * 7_919) % 90_000),
      totalWeeklyTradeCount: 1 + ((index * 31) % 400),
      summaryTypeCode: DETAIL_SUMMARY_TYPE_CODES[options.dataset],
      initialPublishedDate: published,
      lastUpdateDate: published,
    };
  });
  return { tier: options.tier, weekEnding: options.weekEnding, rows };
}

/**
 * The weeks with every tier-week holding both FINRA datasets, as FINRA publishes them together:
 * a tier-week only one dataset's files cover gets `rows` generated rows of the other.
 */
export function completeMockWeeks(weeks: readonly MockWeek[], rows = 40): MockWeek[] {
  const covered = new Map<string, Set<FinraDataset>>();
  for (const week of weeks) {
    const key = `${week.tier}|${week.weekEnding}`;
    const datasets = covered.get(key) ?? new Set<FinraDataset>();
    for (const row of week.rows) datasets.add(String(row.summaryTypeCode).startsWith("ATS") ? "ats" : "otc");
    covered.set(key, datasets);
  }
  const added = [...covered.entries()].flatMap(([key, datasets]) => {
    const [tier, weekEnding] = key.split("|") as [Tier, string];
    const missing = FINRA_DATASETS.filter((dataset) => !datasets.has(dataset));
    return missing.map((dataset) => generateMockWeek({ dataset, tier, weekEnding, rows }));
  });
  return [...weeks, ...added];
}
