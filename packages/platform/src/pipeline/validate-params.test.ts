import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formatParameterIssues, validateParams } from "./validate-params.js";

const schema = z.object({
  week_ending: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .describe("Friday, YYYY-MM-DD"),
  window_weeks: z.number().int().min(1).max(52).default(6),
  force: z.boolean().default(false),
  tier: z.enum(["NMS Tier 1", "NMS Tier 2", "OTC"]),
  tiers: z.array(z.string()).optional(),
});

describe("unit", () => {
  it("reports every invalid parameter at once with what was expected", () => {
    const result = validateParams(schema, { week_ending: "friday", window_weeks: "many", tier: "Tier 9" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byName = Object.fromEntries(result.issues.map((issue) => [issue.parameter, issue]));
    expect(Object.keys(byName).sort()).toEqual(["tier", "week_ending", "window_weeks"]);
    expect(byName.tier?.allowedValues).toEqual(["NMS Tier 1", "NMS Tier 2", "OTC"]);
    expect(byName.tier?.expected).toBe("one of NMS Tier 1, NMS Tier 2, OTC");
    expect(byName.week_ending?.expected).toBe("string (Friday, YYYY-MM-DD)");
    expect(byName.window_weeks?.received).toBe("many");
    const message = formatParameterIssues(result.issues);
    expect(message).toContain("tier: ");
    expect(message).toContain(
      '  - tier: is not an allowed value (expected one of NMS Tier 1, NMS Tier 2, OTC; got "Tier 9")',
    );
  });

  it("says once what was expected when the issue itself names it", () => {
    const named = z.object({
      tier: z
        .string()
        .refine((value) => value === "OTC", { message: 'unknown tier; expected one of "OTC" (OTCE)' }),
    });
    const result = validateParams(named, { tier: "OTCX" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(formatParameterIssues(result.issues)).toBe(
      '  - tier: unknown tier; expected one of "OTC" (OTCE) (got "OTCX")',
    );
  });

  it("keeps the parameter's own expectation beside a library message that says 'expected'", () => {
    const result = validateParams(schema, { week_ending: "2025-11-14", tier: "OTC", window_weeks: "99" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const expected = result.issues[0]?.expected ?? "";
    expect(expected).not.toBe("");
    expect(formatParameterIssues(result.issues)).toContain(`(expected ${expected}; got "99")`);
  });

  it("says a missing parameter is required", () => {
    const result = validateParams(schema, { tier: "OTC" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      expect.objectContaining({ parameter: "week_ending", message: "is required" }),
    ]);
  });

  it("names the closest known parameter for an unknown one", () => {
    const result = validateParams(schema, { week_ending: "2025-11-14", tier: "OTC", window_week: "4" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]).toMatchObject({
      parameter: "window_week",
      message: "unknown parameter; did you mean window_weeks?",
    });
  });

  it("coerces CLI strings for numbers, booleans and comma lists and applies defaults", () => {
    const result = validateParams(schema, {
      week_ending: "2025-11-14",
      window_weeks: "12",
      force: "yes",
      tier: "OTC",
      tiers: "a, b",
    });
    expect(result).toEqual({
      ok: true,
      value: { week_ending: "2025-11-14", window_weeks: 12, force: true, tier: "OTC", tiers: ["a", "b"] },
    });
    const defaults = validateParams(schema, { week_ending: "2025-11-14", tier: "OTC" });
    expect(defaults.ok && defaults.value).toMatchObject({ window_weeks: 6, force: false });
  });

  it("refuses a boolean word it does not know instead of guessing", () => {
    const result = validateParams(schema, { week_ending: "2025-11-14", tier: "OTC", force: "maybe" });
    expect(result.ok).toBe(false);
  });
});

describe("unit", () => {
  it("says a missing enum parameter is required rather than an invalid option", () => {
    const result = validateParams(z.object({ tier: z.enum(["OTC"]) }), {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]).toMatchObject({
      parameter: "tier",
      message: "is required",
      allowedValues: ["OTC"],
    });
  });
});

describe("integer parameters from the command line (issue #13, failure 12)", () => {
  it.each([
    "0x6",
    "1e1",
    " 6",
    "6 ",
    "6.0",
    "+6",
    "",
  ])("refuses %j instead of reading it as a number", (text) => {
    const result = validateParams(schema, { week_ending: "2025-11-14", tier: "OTC", window_weeks: text });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      expect.objectContaining({
        parameter: "window_weeks",
        message: "must be a plain decimal integer (digits only, e.g. 6)",
        received: text,
      }),
    ]);
  });

  it("accepts plain digits and still reports a bound with its own message", () => {
    const accepted = validateParams(schema, { week_ending: "2025-11-14", tier: "OTC", window_weeks: "12" });
    expect(accepted.ok && accepted.value.window_weeks).toBe(12);
    const tooBig = validateParams(schema, { week_ending: "2025-11-14", tier: "OTC", window_weeks: "53" });
    expect(tooBig.ok).toBe(false);
    if (tooBig.ok) return;
    expect(tooBig.issues[0]?.message).toContain("<=52");
  });
});
