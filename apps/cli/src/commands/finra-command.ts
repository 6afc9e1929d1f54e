import { createFinraApiClient, readFinraApiSettings, readFinraStatus } from "@spine/finra-api";
import { createManifestReader } from "@spine/platform";
import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";
import { writeJson } from "../output/json-writer.js";
import { formatTextTable } from "../output/text-table.js";

/**
 * `spine finra status [--json]`: per FINRA domain and tier, the newest week FINRA has published
 * (its partitions endpoint, at SPINE_FINRA_API_URL), the newest loaded here, how many published
 * weeks are missing, and the next publication expected.
 */
export function registerFinraCommand(program: Command, context: CliContext): void {
  const finra = program
    .command("finra")
    .description("FINRA's Query API: what is published against what is loaded");
  finra
    .command("status")
    .description("latest week published by FINRA, latest loaded and next publication, per domain and tier")
    .option("--json", "print one JSON document")
    .action(async (options: { json?: boolean }) => {
      const settings = readFinraApiSettings(context.io.env);
      const client = createFinraApiClient(settings);
      const domains = new Set(context.registry.domains.map((domain) => domain.name));
      const rows = await context.withSpine({ requireExisting: true }, async (spine) =>
        (await readFinraStatus(client, createManifestReader(spine.database.db))).filter((row) =>
          domains.has(row.domain),
        ),
      );
      if (options.json) writeJson(context.io.stdout, { ok: true, api: client.baseUrl, rows });
      else
        context.io.stdout(
          `FINRA Query API ${client.baseUrl}\n${formatTextTable(rows, { emptyMessage: "(no FINRA domain registered)" })}\n`,
        );
    });
}
