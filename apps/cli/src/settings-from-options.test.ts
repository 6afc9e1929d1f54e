import { describe, expect, it } from "vitest";
import { settingsFromOptions } from "./settings-from-options.js";

describe("unit", () => {
  describe("settingsFromOptions", () => {
    it("refuses an unknown log level as a CONFIG error", () => {
      expect(() => settingsFromOptions({ logLevel: "loud" }, {})).toThrow(
        expect.objectContaining({ code: "CONFIG" }),
      );
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
});
