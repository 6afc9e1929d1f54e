import { createRollbackPipeline } from "@spine/platform";
import { otcCaptures } from "./support/otc-captures.js";

/**
 * Removes one capture, every capture derived from it and their rows (the platform's rollback);
 * later weeks whose rolling windows contained a removed latest aggregate are marked stale too.
 */
export const rollbackCapturePipeline = createRollbackPipeline(otcCaptures, {
  name: "otc.rollback_capture",
  exampleCaptureId: "aggregate:otc:2025-10-03:2",
});
