import { describe, expect, it } from "vitest";
import { z } from "zod";
import { SpineError } from "../errors/spine-error.js";
import { defineDomain } from "../pipeline/define-domain.js";
import { definePipeline } from "../pipeline/define-pipeline.js";
import { createRegistry } from "./create-registry.js";

const pipeline = (name: string) =>
  definePipeline({ name, description: name, params: z.object({}), run: async () => ({}) });
const domain = (name: string, pipelines: string[]) =>
  defineDomain({ name, description: name, stages: [], pipelines: pipelines.map(pipeline), migrations: [] });

describe("unit", () => {
  it("refuses two pipelines with one name at start-up", () => {
    expect(() => createRegistry([domain("a", ["a.load"]), domain("b", ["a.load"])])).toThrow(
      /Duplicate pipeline name "a.load"/,
    );
  });

  it("refuses two domains with one name", () => {
    expect(() => createRegistry([domain("a", []), domain("a", [])])).toThrow(/Duplicate domain name "a"/);
  });

  it("refuses a pipeline name without a domain prefix", () => {
    expect(() => pipeline("load")).toThrow(SpineError);
  });

  it("refuses a staged pipeline whose stage its domain does not list", () => {
    const staged = definePipeline({
      name: "a.load",
      description: "",
      params: z.object({}),
      stage: { domain: "a", stage: "load", partition: () => ({ key: {} }) },
      run: async () => ({}),
    });
    expect(() =>
      defineDomain({ name: "a", description: "", stages: ["other"], pipelines: [staged], migrations: [] }),
    ).toThrow(/does not list/);
  });

  it("lists pipelines sorted and orders migrations platform first", () => {
    const registry = createRegistry([domain("b", ["b.two", "b.one"]), domain("a", ["a.x"])]);
    expect(registry.listPipelines().map((entry) => entry.name)).toEqual(["a.x", "b.one", "b.two"]);
    expect(registry.migrationSets().map((set) => set.owner)).toEqual(["platform", "b", "a"]);
  });

  it("names close matches for an unknown pipeline", () => {
    const registry = createRegistry([domain("b", ["b.one"])]);
    expect(() => registry.getPipeline("b.onw")).toThrow(/Did you mean b.one/);
  });
});
