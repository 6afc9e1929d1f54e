import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";
import { kebabCase } from "../conventions/registry-names.js";
import type { QueryOptions } from "./query-command.js";
import { addQueryOptions, runQuery } from "./query-command.js";

/**
 * Adds `spine <domain> <query>` as a shorthand for `spine query <domain>.<query>` (e.g.
 * `spine otc captures`), for every query whose domain prefix does not clash with a built-in command.
 * Derived from the registry so the CLI never names a domain itself. Sub-commands are kebab-case
 * (`spine otc symbol-history`); the declared snake_case spelling stays an alias.
 */
export function registerQueryAliasCommands(program: Command, context: CliContext): void {
  const builtIn = new Set(program.commands.map((command) => command.name()));
  const groups = new Map<string, Command>();
  const names = context.registry.listQueries().flatMap((query) => [query.name, ...(query.aliases ?? [])]);
  for (const name of names) {
    const query = context.registry.getQuery(name);
    const separator = name.indexOf(".");
    const domain = name.slice(0, separator);
    const suffix = name.slice(separator + 1);
    if (separator <= 0 || builtIn.has(domain)) continue;
    let group = groups.get(domain);
    if (!group) {
      group = program.command(domain).description(`shorthands for the ${domain} queries`);
      groups.set(domain, group);
    }
    const alias = group
      .command(kebabCase(suffix))
      .description(`${query.description} (= spine query ${query.name})`);
    if (kebabCase(suffix) !== suffix) alias.alias(suffix);
    addQueryOptions(alias).action((options: QueryOptions, self: Command) =>
      runQuery(context, name, options, self.args),
    );
  }
}
