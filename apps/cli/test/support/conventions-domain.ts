import { defineDomain, definePipeline, defineQuery } from "@spine/platform";
import { z } from "zod";

/** Opens the gate of {@link gatedPipeline}; reset per test. */
export const gate: { open: () => void; opened: Promise<void> } = createGate();

function createGate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

/** Replaces the gate with a closed one. */
export function closeGate(): void {
  Object.assign(gate, createGate());
}

/** A query with snake_case names: its parameters echo back as its one row. */
export const weekEchoQuery = defineQuery({
  name: "conv.week_echo",
  description: "Echoes its parameters.",
  params: z.object({
    week_ending: z.string().describe("week ending"),
    tier: z.enum(["T1", "T2", "OTC"]).default("OTC").describe("tier"),
    loud: z.boolean().default(false).describe("shout"),
  }),
  run: async (_context, params) => [params],
});

/** An orchestrator that loads one week, waits for the test to open the gate, then loads another. */
export const gatedPipeline = definePipeline({
  name: "conv.gated_backfill",
  description: "Loads two weeks with a pause between them.",
  params: z.object({}),
  run: async (context) => {
    const first = await context.submit("test.load", { week: "2025-02-07" });
    await gate.opened;
    const second = await context.submit("test.load", { week: "2025-02-14" });
    return { output: { table: [first, second].map((child) => ({ status: child.status })) } };
  },
});

/** The extra domain of the conventions tests (kebab-case names, parameter options, follow). */
export const conventionsDomain = defineDomain({
  name: "conv",
  description: "CLI convention tests.",
  stages: [],
  pipelines: [gatedPipeline],
  migrations: [],
  queries: [weekEchoQuery],
});
