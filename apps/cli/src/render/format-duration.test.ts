import { describe, expect, it } from "vitest";
import { durationBetween, formatDuration } from "./format-duration.js";

describe("unit", () => {
  describe("durationBetween", () => {
    it("returns null when a timestamp is missing", () => {
      expect(durationBetween(null, "2025-01-01T00:00:00.000Z")).toBeNull();
    });

    it("subtracts ISO timestamps", () => {
      expect(durationBetween("2025-01-01T00:00:00.000Z", "2025-01-01T00:00:01.500Z")).toBe(1500);
    });
  });

  describe("formatDuration", () => {
    it("scales units with the duration", () => {
      expect(formatDuration(null)).toBe("");
      expect(formatDuration(850)).toBe("850ms");
      expect(formatDuration(4210)).toBe("4.21s");
      expect(formatDuration(187_000)).toBe("3m 07s");
    });
  });
});
