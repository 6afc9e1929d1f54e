import { atsDomain } from "@spine/domain-ats";
import { otcDomain } from "@spine/domain-otc";
import { describe, expect, it } from "vitest";
import { runCli } from "../src/index.js";

async function list(env: Record<string, string>, stdoutColumns?: number): Promise<string> {
  const stdout: string[] = [];
  const code = await runCli(["list"], {
    domains: [otcDomain, atsDomain],
    stdout: (text) => stdout.push(text),
    stderr: () => {},
    env,
    ...(stdoutColumns === undefined ? {} : { stdoutColumns }),
  });
  expect(code).toBe(0);
  return stdout.join("");
}

const longest = (text: string) => Math.max(...text.split("\n").map((line) => line.length));

describe("integration", () => {
  describe("human tables and the terminal's width", () => {
    it("fits `spine list` to an 80-column terminal, cutting descriptions with an ellipsis", async () => {
      const text = await list({}, 80);
      expect(longest(text)).toBeLessThanOrEqual(80);
      expect(text).toContain("…");
      expect(text).toContain("otc.backfill_range");
    });

    it("takes COLUMNS over the terminal's width, and prints lines in full when piped", async () => {
      expect(longest(await list({ COLUMNS: "100" }, 300))).toBeLessThanOrEqual(100);
      const piped = await list({});
      expect(longest(piped)).toBeGreaterThan(200);
      expect(piped).not.toContain("…");
    });
  });
});
