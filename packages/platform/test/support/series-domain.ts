import { z } from "zod";
import {
  backfillControlParams,
  defineBackfill,
  defineDomain,
  definePartition,
  definePipeline,
  defineStageGraph,
  fail,
  ok,
  SpineError,
} from "../../src/index.js";

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

// A miniature of a series domain: partitions series x day; `window` reads up to 3 days of totals.
export const seriesStages = defineStageGraph({
  partition: definePartition({
    fields: ["series", "day"],
    order: { field: "day", advance: addDays },
    noun: "series-day",
  }),
  stages: ["load", "total", "window", "report"],
  windows: { window: { reads: "total", maximumSize: 3 } },
});

const dayParams = z.object({ series: z.string(), day: z.string() });
const stagePartition = (params: { series: string; day: string }) => ({
  key: { series: params.series, day: params.day },
});

function stagePipeline(stage: string, params: z.ZodObject = dayParams) {
  return definePipeline({
    name: `series.${stage}`,
    description: `The ${stage} stage of a series-day.`,
    params,
    stage: { domain: "series", stage, partition: (input) => stagePartition(input as never) },
    run: async () => ({ rowCount: 1, metrics: { stage } }),
  });
}

const loadPipeline = definePipeline({
  name: "series.load",
  description: "Loads one input of a series-day; fails for inputs named bad.",
  params: dayParams.extend({ input: z.string() }),
  stage: {
    domain: "series",
    stage: "load",
    partition: (params) => ({ ...stagePartition(params), fingerprint: params.input }),
  },
  run: async (_context, params) => {
    if (params.input.startsWith("bad")) throw new Error(`cannot read ${params.input}`);
    if (params.input.startsWith("slow")) await sleep(slowInputMs);
    if (params.input.startsWith("late-bad") && !lateBadInputsSeen.has(params.input)) {
      lateBadInputsSeen.add(params.input);
      await sleep(lateBadInputMs);
      throw new Error(`cannot read ${params.input} (this time)`);
    }
    if (params.input.startsWith("flaky") && !flakyInputsSeen.has(params.input)) {
      flakyInputsSeen.add(params.input);
      throw new SpineError("SOURCE", `${params.input}: 503 Service Unavailable`, { transient: true });
    }
    return { rowCount: 1, metrics: { rows_read: 10 } };
  },
});

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/** How long a `slow` input takes to load: longer than a short queue lease. */
export const slowInputMs = 5_000;

/** How long a `late-bad` input takes to fail, the first time only (a worker whose lease ran out). */
export const lateBadInputMs = 1_500;
const lateBadInputsSeen = new Set<string>();

/** Whether a `late-bad` input's first (failing) read has begun in this process. */
export function lateBadInputStarted(input: string): boolean {
  return lateBadInputsSeen.has(input);
}

// Inputs named flaky fail once, transiently (a source answering 503), then load.
const flakyInputsSeen = new Set<string>();

const windowParams = dayParams.extend({ window_days: z.number().int().default(3) });

const backfillParams = z.object({
  inputs: z.record(z.string(), z.array(z.string())),
  ...backfillControlParams("series-day"),
  window_days: z.number().int().default(3),
});

async function findWork(params: z.output<typeof backfillParams>) {
  const entries = Object.entries(params.inputs).sort(([left], [right]) => (left < right ? -1 : 1));
  const partitions = entries.map(([name, inputs]) => {
    const [series = "", day = ""] = name.split("|");
    return { key: { series, day }, inputs: inputs.map((input) => ({ label: input, params: { input } })) };
  });
  return partitions.length === 0
    ? fail({ message: "no inputs", ignored: [] })
    : ok({ partitions, ignored: [] });
}

export const seriesBackfill = defineBackfill({
  name: "series.backfill",
  description: "Backfills series-days from a map of inputs.",
  params: backfillParams,
  domain: "series",
  graph: seriesStages,
  pipelines: { load: "series.load", total: "series.total", window: "series.window", report: "series.report" },
  windowParameter: "window_days",
  unit: "days",
  columns: { rows: { stage: "load", metric: "rows_read" } },
  findWork,
});

/** Marks a series-day's totals as changed from outside a stage, as a rollback would. */
const forgetTotalPipeline = definePipeline({
  name: "series.forget_total",
  description: "Says a series-day's total changed outside a stage.",
  params: dayParams,
  run: async (context, params) => ({
    metrics: {
      removed: await context.invalidateLaterWindows({
        domain: "series",
        partition: params,
        stages: ["total"],
      }),
    },
  }),
});

export const seriesDomain = defineDomain({
  name: "series",
  description: "A series x day test domain with a window stage.",
  graph: seriesStages,
  pipelines: [
    loadPipeline,
    stagePipeline("total"),
    stagePipeline("window", windowParams),
    stagePipeline("report", windowParams),
    seriesBackfill,
    forgetTotalPipeline,
  ],
  migrations: [],
});
