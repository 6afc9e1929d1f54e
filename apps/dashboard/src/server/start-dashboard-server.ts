import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { SpineError } from "@spine/platform";
import type { ApiContext } from "../api/api-context.js";
import { isLoopback } from "./access-token.js";
import type { DashboardAppOptions } from "./create-dashboard-app.js";
import { createDashboardApp } from "./create-dashboard-app.js";

/** Options for {@link startDashboardServer}. */
export interface DashboardServerOptions extends Omit<DashboardAppOptions, "token"> {
  /** Default 127.0.0.1; any other address needs `token`. */
  readonly host?: string;
  /** Default 8080; 0 picks a free port. */
  readonly port?: number;
  readonly token?: string;
}

/** A listening dashboard. */
export interface DashboardServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Serves the dashboard. Binding another address than loopback without a token is a CONFIG error:
 * the data would be readable by anyone on the network.
 */
export async function startDashboardServer(
  context: ApiContext,
  options: DashboardServerOptions = {},
): Promise<DashboardServer> {
  const host = options.host ?? "127.0.0.1";
  if (!isLoopback(host) && !options.token)
    throw new SpineError(
      "CONFIG",
      `Serving on ${host} makes the data reachable from other machines: set SPINE_SERVE_TOKEN (every request must then present it), or bind 127.0.0.1.`,
    );
  const app = createDashboardApp(context, options);
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const started = serve({ fetch: app.fetch, hostname: host, port: options.port ?? 8080 }, () =>
      resolve(started),
    );
    started.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        new SpineError(
          "CONFIG",
          `Cannot listen on ${host}:${options.port ?? 8080}: ${error.code ?? error.message}.`,
          {
            cause: error,
          },
        ),
      ),
    );
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${shown}:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
