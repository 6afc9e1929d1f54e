import { createRollbackPipeline } from "@spine/platform";
import type { Tier } from "../models/tier.js";
import { invalidateLaterWindows } from "./support/invalidate-later-windows.js";
import { otcCaptures } from "./support/otc-captures.js";

/**
 * Removes one capture, every capture derived from it and their rows (the platform's rollback);
 * later weeks whose rolling windows contained a removed latest aggregate are marked stale afterwards.
 */
export const rollbackCapturePipeline = createRollbackPipeline(otcCaptures, {
  name: "otc.rollback_capture",
  exampleCaptureId: "aggregate:otc:2025-10-03:2",
  afterRollback: async (context, { partition, staleStages }) => ({
    // The week's aggregate sits in later weeks' rolling windows: they are stale once it changes.
    invalidated_later_windows: staleStages.includes("aggregate")
      ? await invalidateLaterWindows(context, partition.tier as Tier, String(partition.week_ending))
      : 0,
  }),
});
