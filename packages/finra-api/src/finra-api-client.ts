import {
  type ApiRow,
  apiDatasetPath,
  buildWeeklySummaryBody,
  FINRA_API_DATASET_NAMES,
  FINRA_API_PAGE_LIMIT,
  type FinraApiDatasetName,
  type FinraDataset,
  type PublishedTierWeek,
  parseApiPartitions,
  type Tier,
} from "@spine/finra";
import {
  createClientCredentialsTokenProvider,
  createHttpClient,
  createRateLimiter,
  createSecretRedactor,
  fetchOffsetPages,
  type HttpClient,
  type Logger,
  type RateLimiter,
  type SecretRedactor,
} from "@spine/platform";
import { readDataPage, readJsonAnswer } from "./api-answer.js";
import type { FinraApiSettings } from "./finra-api-settings.js";

/** Which tier-week of which FINRA dataset to fetch, from which Query API dataset. */
export interface TierWeekRequest {
  readonly dataset: FinraDataset;
  readonly apiDataset: FinraApiDatasetName;
  readonly tier: Tier;
  readonly weekEnding: string;
  /** Told after every page: pages and rows so far, and the total FINRA announced. */
  readonly onPage?: (page: number, rows: number, total: number | null) => void;
}

/** A tier-week's rows and what the requests were, for lineage. */
export interface FetchedTierWeek {
  readonly rows: readonly ApiRow[];
  readonly apiDataset: FinraApiDatasetName;
  readonly filters: ReturnType<typeof buildWeeklySummaryBody>["compareFilters"];
  readonly requestIds: readonly string[];
  readonly pages: number;
}

/** The FINRA Query API as the connector uses it. */
export interface FinraApiClient {
  readonly baseUrl: string;
  /** Redacts the credentials and tokens this client knows from any text. */
  readonly redact: SecretRedactor;
  partitions(apiDataset: FinraApiDatasetName): Promise<PublishedTierWeek[]>;
  metadata(apiDataset: FinraApiDatasetName): Promise<unknown>;
  fetchTierWeek(request: TierWeekRequest): Promise<FetchedTierWeek>;
}

// FINRA limits requests per address, not per client: every client of one process and API URL
// shares one limiter (as fetch shares one connection pool per origin).
const rateLimiters = new Map<string, RateLimiter>();

function sharedRateLimiter(settings: FinraApiSettings): RateLimiter {
  const key = `${settings.baseUrl} ${settings.requestsPerSecond}`;
  let limiter = rateLimiters.get(key);
  if (limiter === undefined) {
    limiter = createRateLimiter({ requestsPerSecond: settings.requestsPerSecond });
    rateLimiters.set(key, limiter);
  }
  return limiter;
}

function createTransport(settings: FinraApiSettings, redact: SecretRedactor, logger?: Logger): HttpClient {
  const { clientId, clientSecret } = settings;
  const tokens =
    clientId !== undefined && clientSecret !== undefined
      ? createClientCredentialsTokenProvider({ tokenUrl: settings.tokenUrl, clientId, clientSecret, redact })
      : undefined;
  return createHttpClient({
    retry: {
      maxAttempts: settings.maxAttempts,
      baseDelayMs: settings.retryBaseMs,
      maxDelayMs: settings.retryMaxMs,
    },
    timeoutMs: settings.timeoutMs,
    rateLimiter: sharedRateLimiter(settings),
    redact,
    ...(tokens ? { tokens } : {}),
    ...(logger ? { logger } : {}),
  });
}

async function fetchPages(
  http: HttpClient,
  baseUrl: string,
  request: TierWeekRequest,
): Promise<FetchedTierWeek> {
  const url = `${baseUrl}${apiDatasetPath("data", request.apiDataset)}`;
  const requestIds: string[] = [];
  let pages = 0;
  const rows = await fetchOffsetPages({
    limit: FINRA_API_PAGE_LIMIT,
    fetchPage: async (offset, limit) => {
      const body = buildWeeklySummaryBody({ ...request, offset, limit });
      const what = `${request.apiDataset} ${request.tier} ${request.weekEnding} at offset ${offset}`;
      const page = await http.send(
        { method: "POST", url, headers: jsonHeaders, body: JSON.stringify(body) },
        (response) => readDataPage(response, what),
      );
      pages += 1;
      if (page.requestId !== null) requestIds.push(page.requestId);
      return page;
    },
    ...(request.onPage ? { onPage: request.onPage } : {}),
  });
  const { compareFilters } = buildWeeklySummaryBody({ ...request, offset: 0 });
  return { rows, apiDataset: request.apiDataset, filters: compareFilters, requestIds, pages };
}

const jsonHeaders = { accept: "application/json", "content-type": "application/json" };

/**
 * A Query API client over the platform's HTTP source: one rate limiter (20 requests a second by
 * default), retries with backoff, optional OAuth2 client credentials, and every page of a
 * tier-week read by offset until Record-Total.
 */
export function createFinraApiClient(settings: FinraApiSettings, logger?: Logger): FinraApiClient {
  const redact = createSecretRedactor([settings.clientSecret]);
  const http = createTransport(settings, redact, logger);
  const baseUrl = settings.baseUrl.replace(/\/+$/, "");
  const getJson = (kind: "partitions" | "metadata", apiDataset: FinraApiDatasetName) =>
    http.send(
      { method: "GET", url: `${baseUrl}${apiDatasetPath(kind, apiDataset)}`, headers: jsonHeaders },
      (response) => readJsonAnswer(response, `${kind} of ${apiDataset}`),
    );
  return {
    baseUrl,
    redact,
    partitions: async (apiDataset) => parseApiPartitions(await getJson("partitions", apiDataset)),
    metadata: (apiDataset) => getJson("metadata", apiDataset),
    fetchTierWeek: (request) => fetchPages(http, baseUrl, request),
  };
}

/** Every published tier-week of both Query API datasets (recent and historic), without repeats. */
export async function publishedTierWeeks(client: FinraApiClient): Promise<PublishedTierWeek[]> {
  const seen = new Map<string, PublishedTierWeek>();
  for (const apiDataset of FINRA_API_DATASET_NAMES)
    for (const week of await client.partitions(apiDataset)) seen.set(`${week.weekEnding}|${week.tier}`, week);
  return [...seen.values()];
}
