import { describe, expect, it } from "vitest";
import { formatCsv, quoteCsvField } from "./format-csv.js";

describe("unit", () => {
  describe("quoteCsvField", () => {
    it("quotes fields holding commas, quotes and line breaks", () => {
      expect(quoteCsvField('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
    });

    it("leaves plain fields bare and empties null", () => {
      expect(quoteCsvField("AAPL")).toBe("AAPL");
      expect(quoteCsvField(null)).toBe("");
    });
  });

  describe("formatCsv", () => {
    it("keeps numbers in full precision with CRLF line breaks", () => {
      expect(formatCsv([{ share: 0.1 + 0.2, name: "a,b" }])).toBe(
        'share,name\r\n0.30000000000000004,"a,b"\r\n',
      );
    });

    it("prints only the header for explicit columns and no rows", () => {
      expect(formatCsv([], ["a", "b"])).toBe("a,b\r\n");
    });
  });
});
