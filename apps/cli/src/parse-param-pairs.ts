import { SpineError } from "@spine/platform";

/** Commander's accumulator for a repeatable `-p key=value` option. */
export function collectParam(value: string, previous: readonly string[]): string[] {
  return [...previous, value];
}

/**
 * Turns `key=value` strings into raw parameters. Only the first `=` separates, so values may
 * contain `=`; types are left to the pipeline's schema.
 */
export function parseParamPairs(pairs: readonly string[]): Record<string, string> {
  const params: Record<string, string> = {};
  for (const pair of pairs) {
    const separator = pair.indexOf("=");
    const key = separator > 0 ? pair.slice(0, separator).trim() : "";
    if (key === "") {
      throw new SpineError(
        "USAGE",
        `Malformed parameter "${pair}": expected the form key=value (e.g. -p tier=OTC).`,
        {
          details: { parameter: pair, expected: "key=value" },
        },
      );
    }
    if (Object.hasOwn(params, key)) {
      throw new SpineError("USAGE", `Parameter "${key}" is given more than once.`, {
        details: { parameter: key },
      });
    }
    params[key] = pair.slice(separator + 1);
  }
  return params;
}
