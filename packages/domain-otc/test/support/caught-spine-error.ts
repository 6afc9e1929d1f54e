import type { SpineError } from "@spine/platform";
import { isSpineError } from "@spine/platform";

/** The SpineError `work` fails with; any other outcome fails the test. */
export async function caught(work: () => Promise<unknown>): Promise<SpineError> {
  try {
    await work();
  } catch (error) {
    if (isSpineError(error)) return error;
    throw error;
  }
  throw new Error("expected a SpineError");
}
