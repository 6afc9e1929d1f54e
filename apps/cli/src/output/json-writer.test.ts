import { describe, expect, it } from "vitest";
import { formatJson } from "./json-writer.js";

describe("unit", () => {
  describe("formatJson", () => {
    it("turns bigints into decimal strings instead of throwing", () => {
      expect(JSON.parse(formatJson({ big: 12345678901234567890n }))).toEqual({ big: "12345678901234567890" });
    });

    it("writes undefined as null so the output always parses", () => {
      expect(JSON.parse(formatJson(undefined))).toBeNull();
    });

    it("keeps numbers in full precision", () => {
      expect(JSON.parse(formatJson({ share: 0.1 + 0.2 })).share).toBe(0.30000000000000004);
    });
  });
});
