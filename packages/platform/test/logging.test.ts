import { afterEach, describe, expect, it } from "vitest";
import type { Spine } from "../src/index.js";
import { createLogger } from "../src/index.js";
import { openTemporarySpine } from "./support/temporary-spine.js";

let spine: Spine | undefined;
afterEach(async () => {
  await spine?.close();
  spine = undefined;
});

describe("integration", () => {
  it("stamps every log line of a run with its execution id and pipeline, as JSON", async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: "debug", format: "json", write: (line) => lines.push(line) });
    spine = await openTemporarySpine({ logger });
    const execution = await spine.dispatcher.submit("demo.load", { day: "2025-01-02", rows: "2" });
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const ofRun = records.filter((record) => record.execution_id === execution.id);
    expect(ofRun.map((record) => record.msg)).toEqual(
      expect.arrayContaining(["execution started", "loaded", "execution finished"]),
    );
    expect(ofRun.length).toBe(records.length);
    for (const record of ofRun) expect(record.pipeline).toBe("demo.load");
  });

  it("logs a failed run's error with its stack under the same execution id", async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: "info", format: "json", write: (line) => lines.push(line) });
    spine = await openTemporarySpine({ logger });
    const execution = await spine.dispatcher.submit("demo.load", {
      day: "2025-01-02",
      fail_after_write: true,
    });
    const failure = lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((record) => record.msg === "execution failed");
    expect(failure).toMatchObject({
      execution_id: execution.id,
      pipeline: "demo.load",
      error: "boom after writing",
      level: 50,
    });
    expect(String(failure?.stack)).toContain("boom after writing");
  });
});
