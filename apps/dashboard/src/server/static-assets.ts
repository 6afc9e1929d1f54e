import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** A file the page needs, with its content type. */
export interface StaticAsset {
  readonly contentType: string;
  readonly body: string;
}

const contentTypes: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};

// uPlot's browser build, served from the installed package (no CDN: users may be offline).
const vendorFiles: Readonly<Record<string, string>> = {
  "uplot.js": "uplot/dist/uPlot.iife.min.js",
  "uplot.css": "uplot/dist/uPlot.min.css",
};

/**
 * The folder of the page's files beside this module: `dist/assets` when built (uPlot copied into
 * its vendor/), `src/assets` when run from source (tests). A bundler passes its own copy instead.
 */
export function defaultAssetsDirectory(): string {
  return join(dirname(fileURLToPath(import.meta.url)), "..", "assets");
}

function vendorPath(directory: string, name: string): string | null {
  const copied = join(directory, "vendor", name);
  if (existsSync(copied)) return copied;
  const specifier = vendorFiles[name];
  if (!specifier) return null;
  try {
    return createRequire(import.meta.url).resolve(specifier);
  } catch {
    return null;
  }
}

/** Reads one of the page's files (`index.html`, `app.js`, `vendor/uplot.js`, ...), or null. */
export async function readStaticAsset(directory: string, name: string): Promise<StaticAsset | null> {
  if (!/^(vendor\/)?[a-z-]+\.(html|js|css)$/.test(name)) return null;
  const path = name.startsWith("vendor/") ? vendorPath(directory, name.slice(7)) : join(directory, name);
  if (path === null || !existsSync(path)) return null;
  const extension = name.slice(name.lastIndexOf("."));
  return {
    contentType: contentTypes[extension] ?? "application/octet-stream",
    body: await readFile(path, "utf8"),
  };
}
