import type { Context } from "hono";
import { Hono } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { ApiContext } from "../api/api-context.js";
import type { ApiRoute } from "../api/api-route.js";
import { isTextAnswer } from "../api/api-route.js";
import { apiRoutes } from "../api/api-routes.js";
import { createOpenApiDocument } from "../api/openapi-document.js";
import { isToken, presentedToken, tokenCookie } from "./access-token.js";
import { errorResponse } from "./error-response.js";
import { parseRouteQuery } from "./parse-route-query.js";
import { defaultAssetsDirectory, readStaticAsset } from "./static-assets.js";

/** Options for {@link createDashboardApp}. */
export interface DashboardAppOptions {
  /** Every request must present it (bearer header or cookie) when set. */
  readonly token?: string;
  /** Where index.html, app.js and app.css are (default: beside the module). */
  readonly assetsDirectory?: string;
  readonly version?: string;
}

function mountRoute(app: Hono, route: ApiRoute, context: ApiContext): void {
  app.get(route.path, async (c) => {
    const query = c.req.query();
    const params = parseRouteQuery(route, query);
    const answer = await route.handle({ path: c.req.param(), query, params }, context);
    if (!isTextAnswer(answer)) return c.json(answer);
    const headers: Record<string, string> = { "content-type": answer.contentType };
    if (answer.fileName) headers["content-disposition"] = `attachment; filename="${answer.fileName}"`;
    return c.body(answer.body, 200, headers);
  });
}

function requireToken(app: Hono, token: string): void {
  app.use("*", async (c, next) => {
    const fromUrl = c.req.query("token");
    // Opening `/?token=...` once keeps the token in a cookie, so the page's own requests carry it.
    if (c.req.path === "/" && fromUrl !== undefined && isToken(token, fromUrl)) {
      setCookie(c, tokenCookie, fromUrl, { httpOnly: true, sameSite: "Strict", path: "/" });
      return c.redirect("/");
    }
    if (!isToken(token, presentedToken(c.req.header("authorization"), getCookie(c, tokenCookie))))
      return c.json(
        {
          ok: false,
          error: {
            code: "UNAUTHORIZED",
            message:
              "This server needs its token (SPINE_SERVE_TOKEN): Authorization: Bearer <token>, or open /?token=<token> once.",
          },
        },
        401,
      );
    return next();
  });
}

async function serveAsset(c: Context, directory: string, name: string) {
  const asset = await readStaticAsset(directory, name);
  if (!asset) return c.json({ ok: false, error: { code: "NOT_FOUND", message: `No file ${name}.` } }, 404);
  return c.body(asset.body, 200, { "content-type": asset.contentType, "cache-control": "no-cache" });
}

/**
 * The dashboard's HTTP application: the read-only JSON API under /api, /metrics, the OpenAPI
 * document, and the page. Every request is logged through the platform's logger.
 */
export function createDashboardApp(context: ApiContext, options: DashboardAppOptions = {}): Hono {
  const app = new Hono();
  const logger = context.spine.logger.child({ component: "serve" });
  const assets = options.assetsDirectory ?? defaultAssetsDirectory();
  app.use("*", async (c, next) => {
    const started = performance.now();
    await next();
    const milliseconds = Math.round(performance.now() - started);
    logger.info("request", { method: c.req.method, path: c.req.path, status: c.res.status, milliseconds });
  });
  if (options.token) requireToken(app, options.token);
  app.use("*", async (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    return c.json(
      { ok: false, error: { code: "READ_ONLY", message: "This server is read-only: GET only." } },
      405,
    );
  });
  for (const route of apiRoutes) mountRoute(app, route, context);
  const document = createOpenApiDocument(apiRoutes, context, options.version ?? "0.0.0");
  app.get("/api/openapi.json", (c) => c.json(document));
  app.get("/", (c) => serveAsset(c, assets, "index.html"));
  app.get("/assets/vendor/:name", (c) => serveAsset(c, assets, `vendor/${c.req.param("name")}`));
  app.get("/assets/:name", (c) => serveAsset(c, assets, c.req.param("name")));
  app.notFound((c) =>
    c.json(
      { ok: false, error: { code: "NOT_FOUND", message: `No route ${c.req.method} ${c.req.path}.` } },
      404,
    ),
  );
  app.onError((error, c) => {
    const { status, body } = errorResponse(error, logger);
    return c.json(body, status);
  });
  return app;
}
