import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { settingsFromOptions } from "./settings-from-options.js";

describe("unit", () => {
  describe("settingsFromOptions", () => {
    it("refuses an unknown log level as a CONFIG error", () => {
      expect(() => settingsFromOptions({ logLevel: "loud" }, {})).toThrow(
        expect.objectContaining({ code: "CONFIG" }),
      );
    });

    it("names the flag, not SPINE_LOG_LEVEL, for a bad --log-level (issue #14: 7)", () => {
      expect(() => settingsFromOptions({ logLevel: "loud" }, {})).toThrow(/--log-level "loud"/);
      expect(() => settingsFromOptions({ logLevel: "loud" }, {})).not.toThrow(/SPINE_LOG_LEVEL/);
      // The variable keeps its own name when it is the one that is wrong.
      expect(() => settingsFromOptions({}, { SPINE_LOG_LEVEL: "loud" })).toThrow(/SPINE_LOG_LEVEL/);
    });

    it("lets --db override both database variables", () => {
      const settings = settingsFromOptions({ db: "/tmp/x.db" }, { SPINE_DATABASE_URL: "postgres://h/db" });
      expect(settings.databasePath).toBe("/tmp/x.db");
      expect(settings.databaseUrl).toBeUndefined();
    });

    it("sends a postgres URL to databaseUrl", () => {
      expect(settingsFromOptions({ db: "postgres://h/db" }, {}).databaseUrl).toBe("postgres://h/db");
    });

    it("falls back to the environment and then ./spine.db", () => {
      expect(settingsFromOptions({}, { SPINE_DATABASE_PATH: "/data/s.db" }).databasePath).toBe("/data/s.db");
      expect(settingsFromOptions({}, {}).databasePath).toBe("./spine.db");
    });
  });

  describe("spine.config.json targets (issue #14: 8)", () => {
    const folders: string[] = [];
    afterEach(() => {
      for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
    });

    function project(config: unknown): { root: string; nested: string } {
      const root = mkdtempSync(join(tmpdir(), "spine-config-"));
      folders.push(root);
      writeFileSync(join(root, "spine.config.json"), JSON.stringify(config));
      const nested = join(root, "notebooks", "deep");
      mkdirSync(nested, { recursive: true });
      return { root, nested };
    }
    const targets = {
      default: "dev",
      targets: { dev: { db: "./spine.db" }, demo: { db: "data/spine-demo.db" } },
    };

    it("uses the default target of the nearest config, resolved against its folder", () => {
      const { root, nested } = project(targets);
      expect(settingsFromOptions({}, {}, { stderrIsTty: false }, nested).databasePath).toBe(
        join(root, "spine.db"),
      );
    });

    it("selects a named target with --target, over the environment", () => {
      const { root, nested } = project(targets);
      const settings = settingsFromOptions(
        { target: "demo" },
        { SPINE_DATABASE_PATH: "/x.db" },
        { stderrIsTty: false },
        nested,
      );
      expect(settings.databasePath).toBe(join(root, "data", "spine-demo.db"));
    });

    it("puts --db over the environment over the config", () => {
      const { nested } = project(targets);
      expect(
        settingsFromOptions({}, { SPINE_DATABASE_PATH: "/env.db" }, { stderrIsTty: false }, nested)
          .databasePath,
      ).toBe("/env.db");
      expect(
        settingsFromOptions(
          { db: "/flag.db" },
          { SPINE_DATABASE_PATH: "/env.db" },
          { stderrIsTty: false },
          nested,
        ).databasePath,
      ).toBe("/flag.db");
    });

    it("refuses an unknown target, naming the known ones, and --db with --target", () => {
      const { nested } = project(targets);
      expect(() => settingsFromOptions({ target: "prod" }, {}, { stderrIsTty: false }, nested)).toThrow(
        /expected one of dev, demo/,
      );
      expect(() =>
        settingsFromOptions({ target: "dev", db: "x.db" }, {}, { stderrIsTty: false }, nested),
      ).toThrow(/give one/);
    });

    it("names a broken config file", () => {
      const { root, nested } = project({ targets: { dev: { path: "x" } } });
      expect(() => settingsFromOptions({}, {}, { stderrIsTty: false }, nested)).toThrow(
        join(root, "spine.config.json"),
      );
    });

    it("refuses --target without a config", () => {
      const folder = mkdtempSync(join(tmpdir(), "spine-noconfig-"));
      folders.push(folder);
      expect(() => settingsFromOptions({ target: "dev" }, {}, { stderrIsTty: false }, folder)).toThrow(
        /needs a spine.config.json/,
      );
    });
  });
});
