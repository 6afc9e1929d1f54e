#!/usr/bin/env node
// Enforces the dependency direction of the monorepo (cli -> domains -> platform, domains -> shared
// fact packages such as @spine/finra), public entry points only, dependency-free pure code, and no
// import cycles among a package's own files.
// Plain Node, no dependencies, so it runs before anything is built.
// Usage: node scripts/check-boundaries.mjs [--root <dir>]
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const sourceFolders = ["src", "test"];
const sourceExtensions = [".ts", ".mts", ".cts", ".tsx"];
const pureFolders = ["models", "calculations", "parsing"];
// Entry points of pure helpers (no I/O: Result, compareText, groupBy, ...) that pure code may use too.
const pureEntryPoints = ["@spine/platform/pure"];
// Other entry points a package declares in its exports besides the main one (the mock FINRA API).
const namedEntryPoints = [...pureEntryPoints, "@spine/finra-api/mock"];
const dependencyFields = ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"];
// Shared test data lives at the repository root (turbo's test inputs include it), so tests, and
// only tests, may reach it by a relative path.
const sharedFixtureFolders = ["fixtures", join("scripts", "fixtures")];
// Pure packages of facts several domains share (no I/O): domains may depend on them, and they only
// on zod and the platform's pure entry point, so two domains share code without importing each other.
const factPackages = new Set(["finra"]);
const factPackageDependencies = new Set(["zod", "@spine/platform"]);
const factPackageImports = ["zod", ...pureEntryPoints];
// Source packages that several domains share (they do I/O: FINRA's Query API): domains may depend
// on them, and they only on the platform and the fact packages, never on a domain or an app.
const sourcePackages = new Set(["finra-api"]);

function parseRoot(argv) {
  const index = argv.indexOf("--root");
  if (index === -1) return resolve(dirname(fileURLToPath(import.meta.url)), "..");
  const value = argv[index + 1];
  if (!value) throw new Error("--root needs a directory");
  return resolve(value);
}

function findPackages(root) {
  const found = [];
  for (const group of ["packages", "apps"]) {
    const groupPath = join(root, group);
    if (!existsSync(groupPath)) continue;
    for (const entry of readdirSync(groupPath, { withFileTypes: true })) {
      const manifestPath = join(groupPath, entry.name, "package.json");
      if (!entry.isDirectory() || !existsSync(manifestPath)) continue;
      const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
      found.push({
        group,
        folder: entry.name,
        root: join(groupPath, entry.name),
        repoRoot: root,
        manifestPath,
        manifest,
      });
    }
  }
  return found;
}

function listSourceFiles(directory) {
  if (!existsSync(directory)) return [];
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory())
      return entry.name === "node_modules" || entry.name === "dist" ? [] : listSourceFiles(path);
    const isSource = sourceExtensions.some((extension) => entry.name.endsWith(extension));
    return isSource && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

// Blanks comments (keeping line breaks and string contents) so commented-out imports are ignored.
function stripComments(text) {
  let output = "";
  let quote = null;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    const next = text[index + 1];
    if (quote) {
      output += char;
      if (char === "\\") output += text[++index] ?? "";
      else if (char === quote) quote = null;
    } else if (char === "/" && next === "/") {
      while (index < text.length && text[index] !== "\n") index += 1;
      output += "\n";
    } else if (char === "/" && next === "*") {
      const end = text.indexOf("*/", index + 2);
      const comment = text.slice(index, end === -1 ? text.length : end + 2);
      output += comment.replace(/[^\n]/g, " ");
      index += comment.length - 1;
    } else {
      if (char === '"' || char === "'" || char === "`") quote = char;
      output += char;
    }
  }
  return output;
}

const importPatterns = [
  /^[ \t]*(?:import|export)\s+(?:type\s+)?[^'";]*?\bfrom\s*["']([^"']+)["']/gm,
  /^[ \t]*import\s*["']([^"']+)["']/gm,
  /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
  /\brequire\s*\(\s*["']([^"']+)["']\s*\)/g,
];

/** Every module specifier of a file with its 1-based line. */
export function findImports(text) {
  const code = stripComments(text);
  const imports = [];
  for (const pattern of importPatterns) {
    for (const match of code.matchAll(pattern)) {
      const offset = (match.index ?? 0) + match[0].lastIndexOf(match[1]);
      imports.push({ specifier: match[1], line: code.slice(0, offset).split("\n").length });
    }
  }
  return imports.sort((left, right) => left.line - right.line);
}

function isInside(parent, child) {
  return child === parent || child.startsWith(parent + sep);
}

function packageKind(pkg) {
  if (pkg.group === "packages" && pkg.folder === "platform") return "platform";
  if (pkg.group === "packages" && pkg.folder.startsWith("domain-")) return "domain";
  if (pkg.group === "packages" && factPackages.has(pkg.folder)) return "facts";
  if (pkg.group === "packages" && sourcePackages.has(pkg.folder)) return "source";
  return pkg.group === "packages" ? "package" : "app";
}

function factPackageNames(pkg) {
  return new Set(
    [...factPackages].map((folder) => `@spine/${folder}`).filter((name) => name !== pkg.manifest.name),
  );
}

// What a domain may depend on besides the platform: the fact packages and the shared source packages.
function domainDependencyNames(pkg) {
  const sources = [...sourcePackages].map((folder) => `@spine/${folder}`);
  return new Set([...factPackageNames(pkg), ...sources.filter((name) => name !== pkg.manifest.name)]);
}

function pureFolderOf(pkg, file) {
  if (packageKind(pkg) !== "domain") return null;
  const parts = relative(pkg.root, file).split(sep);
  return parts[0] === "src" && pureFolders.includes(parts[1] ?? "") ? parts[1] : null;
}

function isTestFile(pkg, file) {
  return /\.test\.[cm]?tsx?$/.test(file) || isInside(join(pkg.root, "test"), file);
}

function escapesPackage(pkg, file, specifier) {
  const target = resolve(dirname(file), specifier);
  if (isInside(pkg.root, target)) return false;
  const sharedFixture = sharedFixtureFolders.some((folder) => isInside(join(pkg.repoRoot, folder), target));
  return !(sharedFixture && isTestFile(pkg, file));
}

function checkPureImport(pkg, file, specifier) {
  const isTest = /\.test\.[cm]?tsx?$/.test(file);
  if (factPackageNames(pkg).has(specifier)) return null;
  if (specifier.startsWith(".")) {
    const target = resolve(dirname(file), specifier);
    const insidePure = pureFolders.some((folder) => isInside(join(pkg.root, "src", folder), target));
    if (insidePure || (isTest && isInside(join(pkg.root, "test"), target))) return null;
    return `pure code (models/calculations/parsing) may only import siblings inside those folders, not ${specifier}`;
  }
  if (specifier === "zod" || specifier.startsWith("zod/")) return null;
  if (pureEntryPoints.includes(specifier)) return null;
  if (isTest && specifier === "vitest") return null;
  const allowed = ["zod", ...pureEntryPoints, ...factPackageNames(pkg)].join(", ");
  return `pure code (models/calculations/parsing) may import only ${allowed} and its sibling folders, not ${specifier}`;
}

function spinePackageOf(specifier) {
  const match = /^@spine\/([^/]+)(\/.*)?$/.exec(specifier);
  return match ? { name: `@spine/${match[1]}`, deepPath: match[2] ?? "" } : null;
}

function checkPackageImport(pkg, specifier) {
  const kind = packageKind(pkg);
  if (kind !== "app" && (specifier === "commander" || specifier.startsWith("commander/"))) {
    return "packages must not import commander: command lines belong in apps/";
  }
  const target = spinePackageOf(specifier);
  if (!target) return null;
  if (target.deepPath && !namedEntryPoints.includes(specifier))
    return `deep import ${specifier}: import the public entry point ${target.name} only`;
  if (target.name === pkg.manifest.name) return null;
  if (kind === "platform" && target.name !== "@spine/platform") {
    return `the platform must not depend on ${target.name} (domains and apps depend on the platform, never the reverse)`;
  }
  if (
    kind === "domain" &&
    target.name !== "@spine/platform" &&
    !domainDependencyNames(pkg).has(target.name)
  ) {
    return `a domain may depend only on @spine/platform and ${[...domainDependencyNames(pkg)].join(", ")}, not ${target.name}`;
  }
  if (kind === "source" && target.name !== "@spine/platform" && !factPackageNames(pkg).has(target.name)) {
    return `${pkg.manifest.name} may depend only on @spine/platform and ${[...factPackageNames(pkg)].join(", ")}, not ${target.name}`;
  }
  return null;
}

// A fact package is pure: zod, the platform's pure entry point and its own files; tests may also
// use vitest and node: built-ins.
function checkFactImport(pkg, file, specifier) {
  if (specifier.startsWith(".") || specifier.startsWith("zod/") || factPackageImports.includes(specifier))
    return null;
  if (spinePackageOf(specifier))
    return `${pkg.manifest.name} may depend only on ${factPackageImports.join(", ")}, not ${specifier}`;
  if (isTestFile(pkg, file) && (specifier === "vitest" || specifier.startsWith("node:"))) return null;
  return `${pkg.manifest.name} is pure (${factPackageImports.join(", ")} only, no I/O), so it may not import ${specifier}`;
}

/** Reasons the import breaks a boundary (empty when it is fine). */
export function checkImport(pkg, file, specifier) {
  const reasons = [];
  if (specifier.startsWith(".") && escapesPackage(pkg, file, specifier)) {
    reasons.push(
      `relative import ${specifier} escapes the package root ${relative(dirname(pkg.root), pkg.root)}`,
    );
  }
  const packageReason =
    packageKind(pkg) === "facts" ? checkFactImport(pkg, file, specifier) : checkPackageImport(pkg, specifier);
  if (packageReason) reasons.push(packageReason);
  if (pureFolderOf(pkg, file)) {
    const pureReason = checkPureImport(pkg, file, specifier);
    if (pureReason) reasons.push(pureReason);
  }
  return reasons;
}

function checkManifest(pkg) {
  const kind = packageKind(pkg);
  const violations = [];
  for (const field of dependencyFields) {
    for (const name of Object.keys(pkg.manifest[field] ?? {})) {
      if (kind === "facts" && field === "dependencies" && !factPackageDependencies.has(name)) {
        violations.push({
          file: pkg.manifestPath,
          line: 1,
          reason: `${field}: ${pkg.manifest.name} may depend only on ${[...factPackageDependencies].join(", ")} (found ${name})`,
        });
        continue;
      }
      if (!name.startsWith("@spine/") && name !== "commander") continue;
      let reason = null;
      if (name === "commander" && kind !== "app") reason = "packages must not depend on commander";
      else if (kind === "platform" && name.startsWith("@spine/"))
        reason = `the platform must have no @spine dependencies (found ${name})`;
      else if (kind === "facts" && name.startsWith("@spine/") && !factPackageDependencies.has(name))
        reason = `${pkg.manifest.name} may have no @spine dependencies but @spine/platform (found ${name})`;
      else if (
        kind === "domain" &&
        name.startsWith("@spine/") &&
        name !== "@spine/platform" &&
        !domainDependencyNames(pkg).has(name)
      ) {
        reason = `a domain may depend only on @spine/platform and ${[...domainDependencyNames(pkg)].join(", ")} (found ${name})`;
      } else if (
        kind === "source" &&
        name.startsWith("@spine/") &&
        name !== "@spine/platform" &&
        !factPackageNames(pkg).has(name)
      ) {
        reason = `${pkg.manifest.name} may depend only on @spine/platform and ${[...factPackageNames(pkg)].join(", ")} (found ${name})`;
      }
      if (reason) violations.push({ file: pkg.manifestPath, line: 1, reason: `${field}: ${reason}` });
    }
  }
  return violations;
}

// The source file a relative specifier ("./x.js", "../y") names, or null for a package import.
function resolveRelative(file, specifier) {
  if (!specifier.startsWith(".")) return null;
  const base = resolve(dirname(file), specifier).replace(/\.[mc]?js$/, "");
  const candidates = sourceExtensions.flatMap((extension) => [
    base + extension,
    join(base, `index${extension}`),
  ]);
  return candidates.find((candidate) => existsSync(candidate)) ?? null;
}

/**
 * Import cycles among one package's files, each reported once at the import that closes it. Type-only
 * imports count: a cycle of types still ties the modules together (and once was one in the platform).
 */
export function findImportCycles(importsByFile) {
  const state = new Map();
  const path = [];
  const cycles = [];
  const visit = (file) => {
    state.set(file, "open");
    path.push(file);
    for (const { target, line } of importsByFile.get(file) ?? []) {
      if (state.get(target) === "open")
        cycles.push({ file, line, members: path.slice(path.indexOf(target)) });
      else if (!state.has(target)) visit(target);
    }
    path.pop();
    state.set(file, "closed");
  };
  // Sorted, so a cycle is reported at the same import whatever order the file system lists files in.
  for (const file of [...importsByFile.keys()].sort()) if (!state.has(file)) visit(file);
  return cycles;
}

/** Every boundary violation under `root`. */
export function findViolations(root) {
  const violations = [];
  for (const pkg of findPackages(root)) {
    violations.push(...checkManifest(pkg));
    const files = sourceFolders.flatMap((folder) => listSourceFiles(join(pkg.root, folder)));
    const importsByFile = new Map();
    for (const file of files) {
      const imports = findImports(readFileSync(file, "utf8"));
      for (const { specifier, line } of imports) {
        for (const reason of checkImport(pkg, file, specifier)) violations.push({ file, line, reason });
      }
      const local = imports.map(({ specifier, line }) => ({
        target: resolveRelative(file, specifier),
        line,
      }));
      importsByFile.set(
        file,
        local.filter((entry) => entry.target !== null),
      );
    }
    for (const { file, line, members } of findImportCycles(importsByFile)) {
      const names = [...members, members[0]].map((member) => relative(pkg.root, member));
      violations.push({ file, line, reason: `import cycle: ${names.join(" -> ")}` });
    }
  }
  return violations.map((violation) => ({ ...violation, file: relative(root, violation.file) }));
}

function main() {
  const root = parseRoot(process.argv.slice(2));
  const violations = findViolations(root);
  if (violations.length === 0) {
    process.stdout.write(`check-boundaries: no violations in ${findPackages(root).length} packages\n`);
    return 0;
  }
  for (const violation of violations)
    process.stderr.write(`${violation.file}:${violation.line}: ${violation.reason}\n`);
  process.stderr.write(`check-boundaries: ${violations.length} violation(s)\n`);
  return 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main();
