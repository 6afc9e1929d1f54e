import { loadSettings } from "@spine/platform";
import { describe, expect, it } from "vitest";
import { describeLocation } from "./describe-location.js";

describe("unit", () => {
  describe("describeLocation", () => {
    it("hides the password of a server URL", () => {
      const settings = loadSettings({ databaseUrl: "postgres://spine:secret@db:5432/spine" }, {});
      expect(describeLocation(settings)).toBe("postgres://spine:***@db:5432/spine");
    });

    it("prints a SQLite path as is", () => {
      expect(describeLocation(loadSettings({ databasePath: "/tmp/a.db" }, {}))).toBe("/tmp/a.db");
    });
  });
});
