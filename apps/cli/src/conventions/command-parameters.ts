import { describeParameters } from "@spine/platform";
import type { Command } from "commander";
import type { z } from "zod";
import { parseParamPairs } from "../parse-param-pairs.js";
import { mergeParameters, parseParameterOptions } from "./param-options.js";

/**
 * Lets a command take its pipeline's or query's declared parameters as options (`--tier OTC`):
 * commander cannot know them before the name is read, so it leaves them unparsed for
 * {@link commandParameters}.
 */
export function acceptParameterOptions(command: Command): Command {
  return command
    .allowUnknownOption()
    .allowExcessArguments()
    .addHelpText(
      "after",
      "\nEvery declared parameter is also an option: --week-ending 2025-11-14 is -p week_ending=2025-11-14\n(booleans: --fail-fast, --no-fail-fast). An option of the command itself (--force, --dry-run,\n--json) keeps its meaning: give a parameter of that name with -p. `spine describe <name>` lists them.",
    );
}

/**
 * The raw parameters of one invocation: `-p key=value` pairs and parameter options merged. No
 * schema (a table to export) means no parameter options.
 */
export function commandParameters(
  pairs: readonly string[],
  tokens: readonly string[],
  schema: z.ZodType | undefined,
  subject: string,
): Record<string, string> {
  const parameters = schema ? describeParameters(schema) : [];
  const fromOptions = parseParameterOptions(tokens, parameters, subject);
  return mergeParameters(parseParamPairs(pairs), fromOptions);
}
