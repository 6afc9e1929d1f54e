import type { Spine } from "@spine/platform";

/** Runs a registered query the way the CLI does: parse the params with its schema, then run. */
export async function runQuery(spine: Spine, name: string, params: Record<string, unknown> = {}) {
  const query = spine.registry.getQuery(name);
  return query.run({ scope: spine.database, logger: spine.logger }, query.params.parse(params));
}
