import { createRegistry } from "@spine/platform";
import { describe, expect, it } from "vitest";
import { checkMigrations, checkNodeVersion, checkRegistry } from "./doctor-checks.js";

describe("unit", () => {
  describe("checkNodeVersion", () => {
    it("fails below Node 20", () => {
      expect(checkNodeVersion("v18.19.0").ok).toBe(false);
    });

    it("passes on Node 20 and later", () => {
      expect(checkNodeVersion("v20.0.0").ok).toBe(true);
      expect(checkNodeVersion("22.1.0").ok).toBe(true);
    });
  });

  describe("checkMigrations", () => {
    it("fails on drift and names the migration", () => {
      const check = checkMigrations([{ owner: "core", name: "0001", state: "changed", appliedAt: "x" }]);
      expect(check.ok).toBe(false);
      expect(check.message).toContain("core/0001 (changed)");
    });

    it("fails on pending migrations and says how to fix it", () => {
      const check = checkMigrations([{ owner: "core", name: "0001", state: "pending", appliedAt: null }]);
      expect(check.ok).toBe(false);
      expect(check.message).toContain("spine db init");
    });

    it("passes when everything is applied", () => {
      expect(checkMigrations([{ owner: "core", name: "0001", state: "applied", appliedAt: "x" }]).ok).toBe(
        true,
      );
    });
  });

  describe("checkRegistry", () => {
    it("counts pipelines and queries", () => {
      const registry = createRegistry([
        { name: "empty", description: "", stages: [], pipelines: [], migrations: [] },
      ]);
      expect(checkRegistry(registry).message).toBe("1 domain(s) (empty): 0 pipeline(s), 0 queries");
    });
  });
});
