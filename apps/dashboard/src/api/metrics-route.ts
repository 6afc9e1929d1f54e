import { z } from "zod";
import { collectMetrics } from "../metrics/collect-metrics.js";
import { formatPrometheusText } from "../metrics/prometheus-text.js";
import { defineApiRoute } from "./api-route.js";

/** GET /metrics: data-correctness gauges in the Prometheus text format. */
export const metricsRoute = defineApiRoute({
  path: "/metrics",
  summary:
    "Weeks ingested and missing, rows per week, quality failures, latest week and ingestion lag (Prometheus text)",
  response: z.string(),
  textTypes: ["text/plain; version=0.0.4"],
  handle: async (_request, context) => ({
    contentType: "text/plain; version=0.0.4; charset=utf-8",
    body: formatPrometheusText(await collectMetrics(context)),
  }),
});
