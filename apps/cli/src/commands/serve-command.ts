import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { startDashboardServer } from "@spine/dashboard";
import { SpineError } from "@spine/platform";
import type { Command } from "commander";
import type { CliContext } from "../cli-context.js";
import { cliVersion } from "../cli-version.js";
import { domains } from "../domains.js";

interface ServeOptions {
  readonly host: string;
  readonly port: string;
  readonly json?: boolean;
}

// The bundle (dist/bin.js or a chunk under dist/chunks/) ships the page's files in
// dist/dashboard-assets; run from source, the dashboard finds its own.
function bundledAssets(): string | undefined {
  for (const relative of ["./dashboard-assets/", "../dashboard-assets/"]) {
    const path = fileURLToPath(new URL(relative, import.meta.url));
    if (existsSync(path)) return path;
  }
  return undefined;
}

function parsePort(text: string): number {
  const port = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(port >= 0 && port <= 65_535))
    throw new SpineError(
      "USAGE",
      `--port expects a port number from 0 to 65535 (0: any free port), got ${text}.`,
    );
  return port;
}

function waitForStop(): Promise<string> {
  return new Promise((resolve) => {
    for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => resolve(signal));
  });
}

/** `spine serve`: the dashboard and its JSON API over the selected database, until Ctrl-C. */
export function registerServeCommand(program: Command, context: CliContext): void {
  program
    .command("serve")
    .description("serve the web dashboard and its read-only JSON API over the database (Ctrl-C stops)")
    .option(
      "--host <address>",
      "address to bind; another than 127.0.0.1 needs SPINE_SERVE_TOKEN",
      "127.0.0.1",
    )
    .option("--port <number>", "port to listen on (0: any free port)", "8080")
    .option("--json", "print { ok, url } on one line once listening")
    .action(async (options: ServeOptions) => {
      const port = parsePort(options.port);
      const token = context.io.env.SPINE_SERVE_TOKEN || undefined;
      await context.withSpine({ requireExisting: true }, async (spine) => {
        await spine.assertReady();
        const assetsDirectory = bundledAssets();
        const server = await startDashboardServer(
          { spine, domains },
          {
            host: options.host,
            port,
            version: cliVersion(),
            ...(token ? { token } : {}),
            ...(assetsDirectory ? { assetsDirectory } : {}),
          },
        );
        if (options.json) context.io.stdout(`${JSON.stringify({ ok: true, url: server.url })}\n`);
        else context.io.stdout(`Serving ${server.url} (Ctrl-C stops)\n`);
        await waitForStop();
        await server.close();
      });
    });
}
