import type { z } from "zod";
import { createCapturesQuery } from "./captures-query.js";
import type { CapturesDefinition } from "./define-captures.js";
import type { FreshnessOptions } from "./freshness-query.js";
import { createFreshnessQuery } from "./freshness-query.js";
import { createQualityQuery } from "./quality-query.js";
import { createRejectsQuery } from "./rejects-query.js";

/**
 * A domain's ledger queries in one declaration, with descriptions in the domain's partition noun:
 * `<domain>.captures`, `.rejects`, `.quality` and `.freshness`.
 */
export function createLedgerQueries(
  captures: CapturesDefinition,
  options: {
    readonly filters: z.ZodRawShape;
    readonly reasonCodeExample: string;
    readonly freshness: Omit<FreshnessOptions, "description">;
  },
) {
  const { filters } = options;
  const noun = captures.graph.partition.noun;
  const { field } = captures.graph.partition.order;
  return {
    captures: createCapturesQuery(captures, {
      filters,
      description: `Captures per ${noun} and stage: variant, number, whether latest, source file and revision, rows.`,
    }),
    rejects: createRejectsQuery(captures, {
      filters,
      description: "Rejected rows with reason code, line number and raw line, oldest first.",
      reasonCodeExample: options.reasonCodeExample,
    }),
    quality: createQualityQuery(captures, {
      filters,
      description: `Quality checks per ${noun}: check, severity (its outcome), status, actual vs expected.`,
    }),
    freshness: createFreshnessQuery(captures, {
      ...options.freshness,
      description: `Per series: latest ${field} loaded, gaps, the next publication expected and how late it is.`,
    }),
  };
}
