import type { PipelineContext } from "../pipeline/pipeline-types.js";
import { countMatchingRows } from "./matching-rows.js";
import type { RowSample } from "./row-sample.js";

/** A loaded partition a new capture is compared with: its capture of the same stage and its name. */
export interface RepublicationCandidate {
  readonly captureId: string;
  /** How messages name the partition, e.g. a week ending; also what the check returns. */
  readonly label: string;
}

/** What {@link checkLikelyRepublication} compares: the new capture's rows against the candidates'. */
export interface RepublicationCheckTarget {
  readonly table: string;
  readonly columns: readonly string[];
  /** The new capture; `sample` when its writer took one (then its rows are not read back). */
  readonly capture: { readonly id: string; readonly rows: number; readonly sample?: RowSample | undefined };
  readonly candidates: readonly RepublicationCandidate[];
  /** Share of the new capture's rows that must match for a warning; 0.9 unless given. */
  readonly threshold?: number;
  /** How to load the file correctly if it is a republication of `label` (ends the warning). */
  readonly remedy: (label: string) => string;
}

/**
 * Records `ingest.likely_republication`: a new partition whose rows match another loaded
 * partition's to more than the threshold is likely that partition republished under a new name or
 * date (a file whose every row carries the republication date, which dates alone place as a later
 * week). Status warn names the partition and is logged; returns its label, or null (status pass).
 */
export async function checkLikelyRepublication(
  context: PipelineContext,
  target: RepublicationCheckTarget,
): Promise<string | null> {
  // countMatchingRows reads the new capture and each candidate once (linear in their rows), so
  // captures of any size are compared.
  const threshold = target.threshold ?? 0.9;
  const matches = await countMatchingRows(context.scope, {
    table: target.table,
    captureId: target.capture.id,
    candidates: target.candidates.map((candidate) => candidate.captureId),
    columns: target.columns,
    ...(target.capture.sample ? { sample: target.capture.sample } : {}),
  });
  const best = matches.sort((left, right) => right.matching - left.matching)[0];
  const share = best && target.capture.rows > 0 ? best.matching / target.capture.rows : 0;
  const label = target.candidates.find((candidate) => candidate.captureId === best?.captureId)?.label;
  const likely = share > threshold && label !== undefined ? label : null;
  const percent = `${(share * 100).toFixed(1)}%`;
  await context.quality.record({
    checkName: "ingest.likely_republication",
    severity: "warn",
    status: likely === null ? "pass" : "warn",
    message:
      likely === null
        ? `no loaded partition holds more than ${threshold * 100}% of these rows`
        : `${percent} of these rows equal ${likely}'s: likely a republication of ${likely} under a new date; ${target.remedy(likely)}`,
    actual: Number(share.toFixed(4)),
    expectedValue: `<= ${threshold}`,
  });
  if (likely !== null) context.logger.warn("likely republication of another partition", { likely, share });
  return likely;
}
