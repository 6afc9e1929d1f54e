import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  completeMockWeeks,
  type FinraMock,
  type FinraMockOptions,
  loadMockWeeks,
  startFinraMock,
} from "@spine/finra-api/mock";
import { createLogger, createSpine, loadSettings, type ProgressEvent, type Spine } from "@spine/platform";
import { otcDomain } from "../../src/index.js";
import { fixturesDirectory } from "./otc-spine.js";
import { createTestDatabaseLocation } from "./test-backend.js";

/** A migrated OTC spine whose pipelines reach `environment` (the mock's URL), its landing folder and captured logs. */
export interface ApiSpine {
  readonly spine: Spine;
  readonly landing: string;
  readonly logs: string[];
  /** Every progress update of every run, in order. */
  readonly progress: ProgressEvent[];
  cleanup(): Promise<void>;
}

/** An OTC spine on this run's backend with landing files in its own folder and every log line kept. */
export async function openApiSpine(environment: Record<string, string>): Promise<ApiSpine> {
  const directory = mkdtempSync(join(tmpdir(), "spine-otc-api-"));
  const target = await createTestDatabaseLocation(directory);
  const landing = join(directory, "landing");
  const settings = loadSettings({ ...target.settings, landingDir: landing }, {});
  const logs: string[] = [];
  const logger = createLogger({ level: "debug", format: "json", write: (line) => logs.push(line) });
  const progress: ProgressEvent[] = [];
  const onProgress = (event: ProgressEvent) => progress.push(event);
  const spine = await createSpine({ settings, domains: [otcDomain], logger, environment, onProgress });
  await spine.migrate();
  const cleanup = async () => {
    await spine.close();
    await target.drop();
    rmSync(directory, { recursive: true, force: true });
  };
  return { spine, landing, logs, progress, cleanup };
}

/** The mock serving the generated OTC weeks (and their generated ATS side). */
export function startFixtureMock(options: Partial<FinraMockOptions> = {}): Promise<FinraMock> {
  const weeks = completeMockWeeks(loadMockWeeks(join(fixturesDirectory, "generated")));
  return startFinraMock({ weeks, ...options });
}

/** Settings that point the connector at a mock and keep retries fast. */
export function mockEnvironment(mock: FinraMock, extra: Record<string, string> = {}): Record<string, string> {
  return {
    SPINE_FINRA_API_URL: mock.url,
    SPINE_FINRA_RETRY_BASE_MS: "5",
    SPINE_FINRA_MAX_ATTEMPTS: "4",
    ...extra,
  };
}
