import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  API_TIER_IDENTIFIERS,
  type ApiRow,
  apiDatasetForWeek,
  FINRA_API_GROUP,
  FINRA_API_PAGE_LIMIT,
  weekStartDateOf,
} from "@spine/finra";
import { type DataRequestBody, filterRows, pageOf, refusalOf } from "./mock-data-request.js";
import { createFaultQueue, type FaultQueue, type MockFault } from "./mock-faults.js";
import { applyFault, redirectAgain, refuse, send } from "./mock-responses.js";
import { createTokenDesk, type MockCredentials, type TokenDesk } from "./mock-token-desk.js";
import type { MockWeek } from "./mock-weeks.js";

/** How the mock behaves; every switch defaults to FINRA's documented behaviour. */
export interface FinraMockOptions {
  readonly weeks: readonly MockWeek[];
  /** Require OAuth2 client credentials (else data answers without them, as weeklySummary does today). */
  readonly credentials?: MockCredentials;
  readonly tokenLifetimeSeconds?: number;
  readonly pageBytes?: number;
  readonly pageLimit?: number;
  /** Older behaviour: an empty result as 200 `[]` instead of 204. */
  readonly emptyAsArray?: boolean;
  readonly eNotation?: boolean;
  readonly retryAfterSeconds?: number;
  /** The day that splits weeklySummary from weeklySummaryHistoric (default: today). */
  readonly today?: string;
  readonly port?: number;
}

/** One request the mock saw, for tests to assert on (never the Authorization header's value). */
export interface MockRequest {
  readonly method: string;
  readonly path: string;
  readonly body: DataRequestBody | null;
  readonly authorized: boolean;
  readonly fault: MockFault | null;
}

/** A running mock. */
export interface FinraMock {
  readonly url: string;
  readonly tokenUrl: string;
  readonly requests: MockRequest[];
  inject: FaultQueue["inject"];
  clearFaults(): void;
  /** Replaces a tier-week's rows (a restatement) or adds a week. */
  putWeek(week: MockWeek): void;
  close(): Promise<void>;
}

interface MockState {
  readonly options: FinraMockOptions;
  readonly store: Map<string, { dataset: string; week: MockWeek }>;
  readonly faults: FaultQueue;
  readonly tokens: TokenDesk;
  readonly requests: MockRequest[];
  served: number;
}

const threeMegabytes = 3 * 1024 * 1024;

function storeKey(weekEnding: string, tier: MockWeek["tier"]): string {
  return `${weekStartDateOf(weekEnding)}|${API_TIER_IDENTIFIERS[tier]}`;
}

const datasetOfRow = (row: ApiRow) => (String(row.summaryTypeCode ?? "").startsWith("ATS") ? "ats" : "otc");

// A week's rows replace the stored rows of the same FINRA datasets only: OTC and ATS rows of one
// tier-week live side by side, as in FINRA's weeklySummary.
function putWeek(state: MockState, week: MockWeek): void {
  const today = state.options.today ?? new Date().toISOString().slice(0, 10);
  const key = storeKey(week.weekEnding, week.tier);
  const replaced = new Set(week.rows.map(datasetOfRow));
  const kept = (state.store.get(key)?.week.rows ?? []).filter((row) => !replaced.has(datasetOfRow(row)));
  const dataset = apiDatasetForWeek(week.weekEnding, today);
  state.store.set(key, { dataset, week: { ...week, rows: [...kept, ...week.rows] } });
}

function servePartitions(state: MockState, dataset: string, response: ServerResponse) {
  const availablePartitions = [...state.store.entries()]
    .filter(([, entry]) => entry.dataset === dataset)
    .map(([key]) => ({ partitions: key.split("|") }));
  send(response, 200, {
    datasetGroup: FINRA_API_GROUP,
    datasetName: dataset,
    partitionFields: ["weekStartDate", "tierIdentifier"],
    availablePartitions,
  });
}

function serveMetadata(dataset: string, response: ServerResponse) {
  const names = [
    "tierIdentifier",
    "tierDescription",
    "issueSymbolIdentifier",
    "issueName",
    "MPID",
    "marketParticipantName",
    "totalWeeklyShareQuantity",
    "totalWeeklyTradeCount",
    "totalNotionalSum",
    "lastUpdateDate",
    "initialPublishedDate",
    "summaryTypeCode",
    "weekStartDate",
  ];
  const fields = names.map((name) => ({
    name,
    type: /Quantity|Count|Sum/.test(name) ? "Number" : /Date/.test(name) ? "Date" : "String",
  }));
  send(response, 200, {
    datasetGroup: FINRA_API_GROUP,
    datasetName: dataset,
    partitionFields: ["weekStartDate", "tierIdentifier"],
    fields,
  });
}

function serveData(
  state: MockState,
  dataset: string,
  body: DataRequestBody,
  response: ServerResponse,
  id: string,
  short: boolean,
) {
  const limit = state.options.pageLimit ?? FINRA_API_PAGE_LIMIT;
  const refusal = refusalOf(body, limit);
  if (refusal !== null) return refuse(response, 400, refusal, id);
  const rows: ApiRow[] = [...state.store.values()]
    .filter((entry) => entry.dataset === dataset)
    .flatMap((entry) => entry.week.rows);
  const matching = filterRows(rows, body);
  const offset = body.offset ?? 0;
  const asked = body.limit ?? limit;
  const page = pageOf(matching, offset, short ? Math.max(1, Math.floor(asked / 3)) : asked, {
    maximumBytes: state.options.pageBytes ?? threeMegabytes,
    eNotation: state.options.eNotation ?? false,
  });
  const headers = {
    "record-total": String(matching.length),
    "record-offset": String(offset),
    "record-limit": String(asked),
    "x-request-id": id,
  };
  if (page.length === 0 && !state.options.emptyAsArray) return response.writeHead(204, headers).end();
  response.writeHead(200, { "content-type": "application/json", ...headers }).end(`[${page.join(",")}]`);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function handle(state: MockState, request: IncomingMessage, response: ServerResponse): Promise<void> {
  state.served += 1;
  const id = `mock-${String(state.served).padStart(6, "0")}`;
  const path = new URL(request.url ?? "/", "http://mock").pathname;
  const text = await readBody(request);
  if (path.endsWith("/oauth2/access_token")) return state.tokens.issue(request, response);
  const route =
    /^\/(data|partitions|metadata)\/group\/otcMarket\/name\/(weeklySummary|weeklySummaryHistoric)$/.exec(
      path,
    );
  let body: DataRequestBody | null = null;
  try {
    body = route?.[1] === "data" ? (JSON.parse(text || "{}") as DataRequestBody) : null;
  } catch {
    return refuse(response, 400, "request body is not JSON", id);
  }
  const authorized = state.tokens.authorizes(request);
  if (new URL(request.url ?? "/", "http://mock").searchParams.has("loop"))
    return redirectAgain(request, response);
  const fault = route ? state.faults.take(route[1] === "data") : null;
  state.requests.push({ method: request.method ?? "", path, body, authorized, fault });
  if (!route) return refuse(response, 404, `no endpoint ${path}`, id);
  if (
    fault !== null &&
    fault !== "short-page" &&
    applyFault(fault, state.options.retryAfterSeconds ?? 1, request, response, id)
  )
    return;
  if (!authorized) return refuse(response, 401, "Unauthorized: a valid bearer token is required", id);
  const [, kind, dataset = ""] = route;
  if (kind === "partitions") return servePartitions(state, dataset, response);
  if (kind === "metadata") return serveMetadata(dataset, response);
  if (request.method !== "POST") return refuse(response, 405, "data requests are POST", id);
  serveData(state, dataset, body ?? {}, response, id, fault === "short-page");
}

/**
 * Starts a faithful local FINRA Query API on 127.0.0.1 (a random port unless `port` is given):
 * POST data with compare/domain/date-range filters, limit and offset, the 5000-row and 3 MB page
 * caps, Record-Total/Offset/Limit headers, 204 on empty, the partitions and metadata endpoints,
 * an optional token endpoint with expiry, and injectable faults ({@link MockFault}).
 */
export async function startFinraMock(options: FinraMockOptions): Promise<FinraMock> {
  const state: MockState = {
    options,
    store: new Map(),
    faults: createFaultQueue(),
    tokens: createTokenDesk(options.credentials, options.tokenLifetimeSeconds ?? 3_600),
    requests: [],
    served: 0,
  };
  for (const week of options.weeks) putWeek(state, week);
  const server = createServer((request, response) => {
    handle(state, request, response).catch((error: unknown) => {
      if (!response.headersSent) refuse(response, 500, String(error), "mock-error");
    });
  });
  await new Promise<void>((ready) => server.listen(options.port ?? 0, "127.0.0.1", ready));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    tokenUrl: `${url}/fip/rest/ews/oauth2/access_token?grant_type=client_credentials`,
    requests: state.requests,
    inject: state.faults.inject,
    clearFaults: state.faults.clear,
    putWeek: (week) => putWeek(state, week),
    close: () =>
      new Promise<void>((closed) => {
        server.closeAllConnections();
        server.close(() => closed());
      }),
  };
}
