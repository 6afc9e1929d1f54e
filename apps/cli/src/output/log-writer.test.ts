import { describe, expect, it } from "vitest";
import { createLogWriter } from "./log-writer.js";
import { createProgressLine } from "./progress-line.js";

const record = (fields: Record<string, unknown>) => JSON.stringify({ level: 50, time: 0, ...fields });

describe("unit", () => {
  describe("createLogWriter", () => {
    it("leaves a run's own failure to the error line, and shows a child's in one brief line", () => {
      const written: string[] = [];
      const write = createLogWriter(
        createProgressLine((text) => written.push(text), false),
        {
          format: "pretty",
          verbose: false,
          colour: false,
        },
      );
      write(record({ msg: "execution failed", parent_execution_id: null, error: "boom", stack: "x\n at y" }));
      write(
        record({
          msg: "execution failed",
          parent_execution_id: "p1",
          pipeline: "otc.ingest_week",
          error: "bad",
        }),
      );
      expect(written).toEqual(["ERROR execution failed  pipeline=otc.ingest_week error=bad\n"]);
    });

    it("passes JSON through as one line each", () => {
      const written: string[] = [];
      const write = createLogWriter(
        createProgressLine((text) => written.push(text), false),
        {
          format: "json",
          verbose: false,
          colour: false,
        },
      );
      write(record({ msg: "execution failed", parent_execution_id: null }));
      expect(written).toHaveLength(1);
      expect(JSON.parse(written[0] ?? "")).toMatchObject({ msg: "execution failed" });
    });
  });
});
