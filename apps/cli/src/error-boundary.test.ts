import { SpineError } from "@spine/platform";
import { CommanderError } from "commander";
import { describe, expect, it } from "vitest";
import { describeError, exitCodeFor, reportError } from "./error-boundary.js";

describe("unit", () => {
  describe("exitCodeFor", () => {
    it("maps unknown errors to 70", () => {
      expect(exitCodeFor(new Error("boom"))).toBe(70);
      expect(exitCodeFor("text")).toBe(70);
      expect(exitCodeFor(new SpineError("DATABASE", "x"))).toBe(70);
      expect(exitCodeFor(new SpineError("INTERNAL", "x"))).toBe(70);
    });

    it("maps usage and validation problems to 2", () => {
      for (const code of [
        "VALIDATION",
        "USAGE",
        "NOT_FOUND",
        "CONFIG",
        "MIGRATION_DRIFT",
        "MIGRATION_PENDING",
      ] as const) {
        expect(exitCodeFor(new SpineError(code, "x"))).toBe(2);
      }
      expect(exitCodeFor(new CommanderError(1, "commander.unknownOption", "error: unknown option"))).toBe(2);
    });

    it("maps pipeline failures to 1", () => {
      for (const code of ["PIPELINE_FAILED", "LOCK_TIMEOUT", "SOURCE"] as const) {
        expect(exitCodeFor(new SpineError(code, "x"))).toBe(1);
      }
    });

    it("maps an error from another installed copy of the platform by its code, not its class", () => {
      // A second copy's SpineError: its own class carrying the same Symbol.for marker.
      const foreign = Object.assign(new Error("held by another run"), {
        name: "SpineError",
        code: "LOCK_TIMEOUT",
        details: { holder: "x" },
        [Symbol.for("market-spine.error")]: true,
      });
      expect(foreign instanceof SpineError).toBe(false);
      expect(exitCodeFor(foreign)).toBe(1);
      expect(describeError(foreign)).toEqual({
        code: "LOCK_TIMEOUT",
        message: "held by another run",
        details: { holder: "x" },
      });
    });

    it("maps commander's help display to 0", () => {
      expect(exitCodeFor(new CommanderError(0, "commander.helpDisplayed", "(outputHelp)"))).toBe(0);
    });
  });

  describe("reportError", () => {
    it("prints the JSON error document only with --json", () => {
      const stdout: string[] = [];
      const stderr: string[] = [];
      const error = new SpineError("NOT_FOUND", "Unknown pipeline", { details: { suggestions: ["a.b"] } });
      const code = reportError(error, { stdout: (t) => stdout.push(t), stderr: (t) => stderr.push(t) }, true);
      expect(code).toBe(2);
      expect(stderr.join("")).toBe("error: Unknown pipeline\n");
      expect(JSON.parse(stdout.join(""))).toEqual({
        ok: false,
        error: { code: "NOT_FOUND", message: "Unknown pipeline", details: { suggestions: ["a.b"] } },
      });
    });

    it("keeps stdout empty without --json", () => {
      const stdout: string[] = [];
      reportError(new SpineError("USAGE", "bad"), { stdout: (t) => stdout.push(t), stderr: () => {} }, false);
      expect(stdout).toEqual([]);
    });
  });

  describe("describeError", () => {
    it("strips commander's own error prefix", () => {
      expect(describeError(new CommanderError(1, "commander.x", "error: missing")).message).toBe("missing");
    });
  });
});
