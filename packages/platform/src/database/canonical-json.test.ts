import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json.js";

describe("unit", () => {
  it("produces the same text whatever order keys were written in", () => {
    expect(canonicalJson({ week_ending: "2025-11-14", tier: "OTC" })).toBe(
      canonicalJson({ tier: "OTC", week_ending: "2025-11-14" }),
    );
    expect(canonicalJson({ b: { d: 1, c: [2, { f: 1, e: 0 }] }, a: null })).toBe(
      '{"a":null,"b":{"c":[2,{"e":0,"f":1}],"d":1}}',
    );
  });

  it("drops undefined fields so optional parameters do not change the key", () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
  });
});
