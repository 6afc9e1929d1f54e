/** @spine/finra-api/mock: a faithful local FINRA Query API for tests and `scripts/finra-mock.mjs`. */
export {
  type FinraMock,
  type FinraMockOptions,
  type MockRequest,
  startFinraMock,
} from "./finra-mock-server.js";
export type { DataRequestBody } from "./mock-data-request.js";
export type { FaultTarget, MockFault } from "./mock-faults.js";
export type { MockCredentials } from "./mock-token-desk.js";
export {
  apiRowsOfFile,
  completeMockWeeks,
  type GeneratedWeekOptions,
  generateMockWeek,
  loadMockWeeks,
  type MockWeek,
} from "./mock-weeks.js";
