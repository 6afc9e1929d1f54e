import { describe, expect, it } from "vitest";
import { parseParamPairs } from "./parse-param-pairs.js";

describe("unit", () => {
  describe("parseParamPairs", () => {
    it("refuses a pair without = naming the expected form", () => {
      expect(() => parseParamPairs(["tier"])).toThrow(/expected the form key=value/);
      expect(() => parseParamPairs(["=x"])).toThrow(expect.objectContaining({ code: "USAGE" }));
    });

    it("refuses a key given twice", () => {
      expect(() => parseParamPairs(["a=1", "a=2"])).toThrow(/more than once/);
    });

    it("splits on the first = only", () => {
      expect(parseParamPairs(["filter=a=b", "empty="])).toEqual({ filter: "a=b", empty: "" });
    });
  });
});
