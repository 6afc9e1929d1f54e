import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DomainDefinition, Logger, Spine } from "../../src/index.js";
import { createSilentLogger, createSpine, loadSettings } from "../../src/index.js";
import { demoDomain } from "./test-domain.js";

/** A throwaway directory removed by the returned cleanup. */
export function createTemporaryDirectory(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), "spine-platform-"));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Opens a migrated Spine over a fresh SQLite file. */
export async function openTemporarySpine(
  options: {
    path?: string;
    domains?: readonly DomainDefinition[];
    logger?: Logger;
    lockTimeoutMs?: number;
  } = {},
): Promise<Spine & { directory: string }> {
  const directory = options.path ?? createTemporaryDirectory().path;
  const settings = loadSettings(
    { databasePath: join(directory, "spine.db"), lockTimeoutMs: options.lockTimeoutMs ?? 2_000 },
    {},
  );
  const spine = await createSpine({
    settings,
    domains: options.domains ?? [demoDomain],
    logger: options.logger ?? createSilentLogger(),
  });
  await spine.migrate();
  return Object.assign(spine, { directory });
}
