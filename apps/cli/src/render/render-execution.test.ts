import { describe, expect, it } from "vitest";
import { renderOutput } from "./render-execution.js";

describe("unit", () => {
  it("prints the fields beside an output table, skipping empty lists", () => {
    const text = renderOutput({
      title: "Summary",
      table: [{ week: "2025-11-14" }],
      ignored_files: ["notes.txt"],
      failed: [],
    });
    expect(text).toContain("Summary");
    expect(text).toContain("2025-11-14");
    expect(text.endsWith("ignored files:\n  notes.txt\n")).toBe(true);
    expect(text).not.toContain("failed");
  });

  it("prints an object in such a field as key=value pairs, not JSON", () => {
    const text = renderOutput({
      table: [{ week: "2025-11-14" }],
      warnings: [{ tier: "OTC", check: "rolling.window_complete", message: "1 of 6 weeks available" }],
    });
    expect(
      text.endsWith("warnings:\n  tier=OTC check=rolling.window_complete message=1 of 6 weeks available\n"),
    ).toBe(true);
  });
});
