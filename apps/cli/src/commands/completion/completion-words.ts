import type { Registry } from "@spine/platform";
import { describeParameters } from "@spine/platform";
import type { Command } from "commander";
import { parameterFlag } from "../../conventions/param-options.js";
import { kebabCase } from "../../conventions/registry-names.js";

/** What the shell completes after a given path of words (`""`, `db`, `run otc.ingest_week`). */
export interface CompletionWords {
  /** Command path (non-option words typed so far, joined by spaces) to the words offered next. */
  readonly byPath: ReadonlyMap<string, readonly string[]>;
  /** Options that take a value: the word after them is not a command or a name. */
  readonly valueFlags: readonly string[];
}

function flagsOf(command: Command): { all: string[]; valued: string[] } {
  const all: string[] = [];
  const valued: string[] = [];
  for (const option of command.options) {
    const flags = [option.short, option.long].filter((flag): flag is string => flag !== undefined);
    all.push(...flags.filter((flag) => flag.startsWith("--")));
    if (option.required || option.optional) valued.push(...flags);
  }
  return { all, valued };
}

interface Named {
  readonly name: string;
  readonly params: Parameters<typeof describeParameters>[0];
}

function addNamed(
  words: Map<string, string[]>,
  valued: Set<string>,
  path: string,
  entries: readonly Named[],
  base: string[],
) {
  words.set(
    path,
    entries.map((entry) => entry.name),
  );
  for (const entry of entries) {
    const parameters = describeParameters(entry.params);
    for (const parameter of parameters)
      if (parameter.type !== "boolean") valued.add(parameterFlag(parameter));
    words.set(`${path} ${entry.name}`, [...base, ...parameters.map(parameterFlag)]);
  }
}

/**
 * The words of every command path, read from the command tree and the registry, so completion
 * always matches the commands, pipelines, queries and parameters of this build.
 */
export function completionWords(program: Command, registry: Registry): CompletionWords {
  const words = new Map<string, string[]>();
  const valued = new Set<string>();
  const walk = (command: Command, path: string) => {
    const flags = flagsOf(command);
    for (const flag of flags.valued) valued.add(flag);
    const children = command.commands.flatMap((child) => [child.name()]);
    words.set(path, [...children, ...flags.all]);
    for (const child of command.commands) walk(child, path === "" ? child.name() : `${path} ${child.name()}`);
  };
  walk(program, "");
  const flagsAt = (path: string) => (words.get(path) ?? []).filter((word) => word.startsWith("-"));
  const pipelines = registry.listPipelines();
  const queries = registry.listQueries();
  addNamed(words, valued, "run", pipelines, flagsAt("run"));
  addNamed(words, valued, "query", queries, flagsAt("query"));
  addNamed(words, valued, "export", queries, flagsAt("export"));
  words.set(
    "describe",
    [...pipelines, ...queries].map((entry) => entry.name),
  );
  // The shorthands (`spine otc symbol-history`) take their query's parameters too.
  for (const query of queries) {
    for (const name of [query.name, ...(query.aliases ?? [])]) {
      const path = kebabCase(name).replace(".", " ");
      const existing = words.get(path);
      if (existing) words.set(path, [...existing, ...describeParameters(query.params).map(parameterFlag)]);
    }
  }
  return { byPath: words, valueFlags: [...valued].sort() };
}
