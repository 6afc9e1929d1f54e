import type { ParameterDescription } from "@spine/platform";

/** A compact one-line summary of parameters: `tier:enum*`, `force:boolean=false`. */
export function summarizeParameters(parameters: readonly ParameterDescription[]): string {
  return parameters
    .map((parameter) => {
      const type = parameter.allowedValues ? parameter.allowedValues.join("|") : parameter.type;
      const suffix = parameter.required
        ? "*"
        : parameter.default === undefined
          ? ""
          : `=${JSON.stringify(parameter.default)}`;
      return `${parameter.name}:${type}${suffix}`;
    })
    .join(" ");
}
