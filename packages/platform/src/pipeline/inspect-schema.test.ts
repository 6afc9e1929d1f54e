import { describe, expect, it } from "vitest";
import { z } from "zod";
import { describeParameters } from "./inspect-schema.js";

describe("unit", () => {
  it("describes types, requiredness, defaults, descriptions and allowed values", () => {
    const schema = z.object({
      file_path: z.string().describe("where the file is"),
      window_weeks: z.number().int().default(6).describe("weeks in the window"),
      ratio: z.number().optional(),
      force: z.boolean().default(false),
      tier: z.enum(["OTC", "NMS Tier 1"]),
      day: z.string().transform((value) => value.trim()),
      level: z
        .string()
        .transform((value) => value.toUpperCase())
        .meta({ parameterType: "level", allowedValues: ["LOW", "HIGH"] }),
    });
    expect(describeParameters(schema)).toEqual([
      { name: "file_path", type: "string", required: true, description: "where the file is" },
      {
        name: "window_weeks",
        type: "integer",
        required: false,
        default: 6,
        description: "weeks in the window",
      },
      { name: "ratio", type: "number", required: false },
      { name: "force", type: "boolean", required: false, default: false },
      { name: "tier", type: "enum", required: true, allowedValues: ["OTC", "NMS Tier 1"] },
      { name: "day", type: "string", required: true },
      { name: "level", type: "level", required: true, allowedValues: ["LOW", "HIGH"] },
    ]);
  });
});
