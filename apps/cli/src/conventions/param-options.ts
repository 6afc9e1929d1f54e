import type { ParameterDescription } from "@spine/platform";
import { closestNames, SpineError } from "@spine/platform";
import { kebabCase, snakeCase } from "./registry-names.js";

/** `--week-ending` for the declared parameter `week_ending`. */
export function parameterFlag(parameter: Pick<ParameterDescription, "name">): string {
  return `--${kebabCase(parameter.name)}`;
}

function unknownOption(flag: string, parameters: readonly ParameterDescription[], subject: string) {
  const candidates = parameters.map(parameterFlag);
  const suggestions = closestNames(flag, candidates);
  const hint =
    suggestions.length > 0
      ? ` Did you mean ${suggestions.join(" or ")}?`
      : ` ${subject} takes ${candidates.length > 0 ? candidates.join(", ") : "no parameters"}.`;
  return new SpineError("USAGE", `Unknown option '${flag}' for ${subject}.${hint}`, {
    details: { option: flag, suggestions },
  });
}

function parameterOf(flag: string, parameters: readonly ParameterDescription[]) {
  const name = snakeCase(flag.replace(/^--(no-)?/, ""));
  const parameter = parameters.find((candidate) => candidate.name === name);
  return { parameter, negated: flag.startsWith("--no-") };
}

/**
 * Reads `--tier OTC`, `--week-ending=2025-11-14`, `--force` / `--no-force` (booleans) from the
 * tokens commander left unparsed, as raw parameters keyed by their declared names. Values stay
 * strings: the pipeline's or query's schema converts and checks them, exactly as for `-p`.
 */
export function parseParameterOptions(
  tokens: readonly string[],
  parameters: readonly ParameterDescription[],
  subject: string,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index] ?? "";
    if (!token.startsWith("--") || token === "--") {
      throw new SpineError("USAGE", `Unexpected argument '${token}' for ${subject}.`, {
        details: { argument: token },
      });
    }
    const separator = token.indexOf("=");
    const flag = separator === -1 ? token : token.slice(0, separator);
    const { parameter, negated } = parameterOf(flag, parameters);
    if (!parameter || (negated && parameter.type !== "boolean"))
      throw unknownOption(flag, parameters, subject);
    let value: string | undefined;
    if (separator !== -1) value = token.slice(separator + 1);
    else if (parameter.type === "boolean") value = negated ? "false" : "true";
    else {
      value = tokens[index + 1];
      index += 1;
      if (value === undefined) throw new SpineError("USAGE", `Option '${flag}' needs a value.`);
    }
    if (Object.hasOwn(values, parameter.name)) {
      throw new SpineError("USAGE", `Option '${flag}' is given more than once.`, {
        details: { parameter: parameter.name },
      });
    }
    values[parameter.name] = value;
  }
  return values;
}

/** `-p` pairs and parameter options together; one parameter given both ways is an error. */
export function mergeParameters(
  fromPairs: Readonly<Record<string, string>>,
  fromOptions: Readonly<Record<string, string>>,
): Record<string, string> {
  for (const name of Object.keys(fromOptions)) {
    if (Object.hasOwn(fromPairs, name)) {
      throw new SpineError(
        "USAGE",
        `Parameter "${name}" is given twice: as -p ${name}=... and as ${parameterFlag({ name })}; give it once.`,
        { details: { parameter: name } },
      );
    }
  }
  return { ...fromPairs, ...fromOptions };
}
