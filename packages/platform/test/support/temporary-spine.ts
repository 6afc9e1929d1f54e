import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DomainDefinition, Logger, Spine } from "../../src/index.js";
import { createSilentLogger, createSpine, loadSettings } from "../../src/index.js";
import { createTestDatabaseLocation } from "./test-backend.js";
import { demoDomain } from "./test-domain.js";

/** A throwaway directory removed by the returned cleanup. */
export function createTemporaryDirectory(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), "spine-platform-"));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Opens a migrated Spine over a fresh SQLite file (or scratch PostgreSQL database, see test-backend). */
export async function openTemporarySpine(
  options: {
    path?: string;
    domains?: readonly DomainDefinition[];
    logger?: Logger;
    lockTimeoutMs?: number;
    settings?: Readonly<Record<string, string | number>>;
  } = {},
): Promise<Spine & { directory: string }> {
  const directory = options.path ?? createTemporaryDirectory().path;
  const target = await createTestDatabaseLocation(directory);
  const settings = loadSettings(
    { ...target.settings, lockTimeoutMs: options.lockTimeoutMs ?? 2_000, ...options.settings },
    {},
  );
  const spine = await createSpine({
    settings,
    domains: options.domains ?? [demoDomain],
    logger: options.logger ?? createSilentLogger(),
  });
  await spine.migrate();
  const close = spine.close;
  return Object.assign(spine, { directory, close: () => close().finally(target.drop) });
}
