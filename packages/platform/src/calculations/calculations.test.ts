import { describe, expect, it } from "vitest";
import { isSpineError } from "../errors/spine-error.js";
import { calculationVersionsOf, chooseCalculations } from "./choose-calculations.js";
import { defineCalculation, defineCalculations } from "./define-calculation.js";

const registry = defineCalculations([
  defineCalculation({ name: "score", version: "v1", description: "first", current: true }),
  defineCalculation({ name: "score", version: "v2", description: "second" }),
  defineCalculation({ name: "summary", version: "v1", description: "only", current: true }),
]);

describe("calculation versions", () => {
  it("lists every version of a calculation and its current one", () => {
    expect(registry.versionsOf("score").map((definition) => definition.version)).toEqual(["v1", "v2"]);
    expect(registry.current("score").version).toBe("v1");
    expect(calculationVersionsOf(registry, ["score", "summary"])).toEqual(["v1", "v2"]);
  });

  it("computes the current versions when none is asked for", () => {
    const choice = chooseCalculations(registry, ["score", "summary"], undefined);
    expect(choice.variant).toBeNull();
    expect(choice.changed).toEqual([]);
    expect(choice.chosen.get("score")?.version).toBe("v1");
  });

  it("takes the asked version where it exists and keeps the others current, in a variant", () => {
    const choice = chooseCalculations(registry, ["score", "summary"], "v2");
    expect(choice.variant).toBe("calc_v2");
    expect(choice.changed).toEqual(["score"]);
    expect(choice.chosen.get("summary")?.version).toBe("v1");
  });

  it("treats asking for the current version as no variant", () => {
    expect(chooseCalculations(registry, ["score"], "v1").variant).toBeNull();
  });

  it("refuses a version no calculation of the stage has, naming the known ones", () => {
    let caught: unknown;
    try {
      chooseCalculations(registry, ["summary"], "v2");
    } catch (error) {
      caught = error;
    }
    expect(isSpineError(caught, "VALIDATION")).toBe(true);
    expect(String((caught as Error).message)).toContain("known versions: v1");
  });

  it("refuses two current versions of one name", () => {
    expect(() =>
      defineCalculations([
        defineCalculation({ name: "x", version: "v1", description: "", current: true }),
        defineCalculation({ name: "x", version: "v2", description: "", current: true }),
      ]),
    ).toThrow(/exactly one current/);
  });
});
