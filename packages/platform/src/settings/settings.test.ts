import { describe, expect, it } from "vitest";
import { loadSettings } from "./settings.js";

describe("unit", () => {
  it("names the environment variable and what was expected for a bad value", () => {
    expect(() => loadSettings({}, { SPINE_LOG_LEVEL: "loud" })).toThrow(/SPINE_LOG_LEVEL: .*trace.*debug/s);
    expect(() => loadSettings({}, { SPINE_LOCK_TIMEOUT_MS: "-5" })).toThrow(/SPINE_LOCK_TIMEOUT_MS/);
  });

  it("reads SPINE_* variables and lets flags override them", () => {
    const settings = loadSettings(
      { logLevel: "debug" },
      { SPINE_DATABASE_PATH: "/tmp/x.db", SPINE_LOG_LEVEL: "warn" },
    );
    expect(settings).toMatchObject({ databasePath: "/tmp/x.db", logLevel: "debug", lockTimeoutMs: 30_000 });
  });

  it("defaults to ./spine.db", () => {
    expect(loadSettings({}, {}).databasePath).toBe("./spine.db");
  });
});
