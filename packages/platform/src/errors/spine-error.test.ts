import { describe, expect, it } from "vitest";
import { isSpineError, isTransientError, SpineError } from "./spine-error.js";

const marker = Symbol.for("market-spine.error");

// What a second installed copy of @spine/platform defines: its own class, the same registered marker.
class SpineErrorOfAnotherCopy extends Error {
  override readonly name = "SpineError";
  readonly [marker] = true;
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

describe("isSpineError", () => {
  it("recognises a SpineError, optionally of given codes", () => {
    const error = new SpineError("NOT_FOUND", "no such pipeline");
    expect(isSpineError(error)).toBe(true);
    expect(isSpineError(error, "NOT_FOUND", "USAGE")).toBe(true);
    expect(isSpineError(error, "USAGE")).toBe(false);
  });

  it("recognises an error created by another copy of the platform, where instanceof fails", () => {
    const foreign: unknown = new SpineErrorOfAnotherCopy("LOCK_TIMEOUT", "held elsewhere");
    expect(foreign instanceof SpineError).toBe(false);
    expect(isSpineError(foreign)).toBe(true);
    expect(isSpineError(foreign, "LOCK_TIMEOUT")).toBe(true);
    expect(isSpineError(foreign, "DATABASE")).toBe(false);
  });

  it("recognises an error from a second instance of this very module", async () => {
    // The query string makes the module loader evaluate the file again: a second SpineError class.
    const secondPath: string = "./spine-error.js?second-copy";
    const secondCopy = (await import(secondPath)) as typeof import("./spine-error.js");
    expect(secondCopy.SpineError).not.toBe(SpineError);
    const foreign = new secondCopy.SpineError("CONFIG", "bad setting");
    expect(foreign instanceof SpineError).toBe(false);
    expect(isSpineError(foreign, "CONFIG")).toBe(true);
    expect(secondCopy.isSpineError(new SpineError("SOURCE", "unreadable"), "SOURCE")).toBe(true);
  });

  it("refuses plain errors, look-alikes without the marker and non-objects", () => {
    expect(isSpineError(new Error("plain"))).toBe(false);
    expect(isSpineError({ name: "SpineError", code: "USAGE", message: "look-alike" })).toBe(false);
    expect(isSpineError({ [Symbol.for("market-spine.error")]: "yes", code: "USAGE" })).toBe(false);
    expect(isSpineError(null)).toBe(false);
    expect(isSpineError(undefined)).toBe(false);
    expect(isSpineError("SpineError")).toBe(false);
  });
});

describe("unit", () => {
  describe("transient errors", () => {
    it("are only those marked so, directly or as a cause", () => {
      const unavailable = new SpineError("SOURCE", "503 after 5 attempts", { transient: true });
      expect(isTransientError(new SpineError("SOURCE", "bad header"))).toBe(false);
      expect(isTransientError(new Error("boom"))).toBe(false);
      expect(isTransientError(unavailable)).toBe(true);
      expect(isTransientError(new Error("fetch failed", { cause: unavailable }))).toBe(true);
    });
  });
});
