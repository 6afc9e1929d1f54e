#!/usr/bin/env bash
# Checks that `spine` works as an installed command, outside the checkout:
#   scripts/check-install.sh
# Packs apps/cli (`npm pack`: the bundle, its bin shim and its runtime dependencies only),
# installs the tarball with `npm install -g` into a temporary prefix, then, from a folder outside
# the repository: `spine --version` (and that it answers in under 0.3 s), `spine db init`, a load of
# two OTC weeks through every stage, queries, and a spine.config.json with named targets.
# Needs a built checkout (`npx -y pnpm@10 install` builds it); npm compiles better-sqlite3 for the
# install when no prebuilt binary can be fetched (a C++ compiler and python3).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/spine-install-XXXXXX")"
trap 'rm -rf "$work"' EXIT
# Nothing from the caller's environment may choose the database for these checks.
unset SPINE_DATABASE_URL SPINE_DATABASE_PATH SPINE_LOG_FILE
export SPINE_LOG_LEVEL=warn

fail() {
  echo "check-install: FAILED: $*" >&2
  exit 1
}

if [[ ! -f "$root/apps/cli/dist/bin.js" ]]; then
  fail "apps/cli is not built; run \`npx -y pnpm@10 install\` (or build) first"
fi

echo "check-install: packing apps/cli"
tarball="$(cd "$root/apps/cli" && npm pack --silent --pack-destination "$work" | tail -1)"
contents="$(tar -tzf "$work/$tarball")"
for required in package/bin/spine.mjs package/dist/bin.js package/package.json; do
  grep -qx "$required" <<<"$contents" || fail "$tarball lacks $required"
done
if grep -q "^package/src/" <<<"$contents"; then fail "$tarball ships src/"; fi
# Bundled code may only import packages the tarball declares as dependencies.
node --input-type=module - "$work/$tarball" <<'NODE' || fail "the packed manifest is not installable"
import { execFileSync } from "node:child_process";
const manifest = JSON.parse(execFileSync("tar", ["-xzOf", process.argv[2], "package/package.json"], { encoding: "utf8" }));
const declared = Object.keys(manifest.dependencies ?? {});
const workspace = declared.filter((name) => String(manifest.dependencies[name]).startsWith("workspace:"));
if (workspace.length > 0) throw new Error(`workspace dependencies in the packed manifest: ${workspace.join(", ")}`);
for (const needed of ["better-sqlite3", "pino", "pg", "pg-copy-streams"]) {
  if (!declared.includes(needed)) throw new Error(`${needed} is imported by the bundle but not a dependency`);
}
NODE

echo "check-install: npm install -g $tarball into $work/prefix"
npm install -g --prefix "$work/prefix" --no-audit --no-fund --loglevel=error "$work/$tarball" >"$work/npm-install.log" 2>&1 ||
  { tail -40 "$work/npm-install.log" >&2; fail "npm install -g"; }
spine="$work/prefix/bin/spine"
[[ -x "$spine" ]] || fail "npm did not link $spine"

project="$work/research project"
mkdir -p "$project/data" "$project/notebooks"
cp "$root/fixtures/finra-otc/generated/otc_week_2025-10-03.csv" "$root/fixtures/finra-otc/generated/otc_week_2025-10-10.csv" "$project/data/"
cd "$project"

expected_version="$(node -p "require('$root/apps/cli/package.json').version")"
[[ "$("$spine" --version)" == "$expected_version" ]] || fail "spine --version is not $expected_version"
# Best of five, beside a bare `node -e 0`. Idle, Node starts in ~50 ms and the shim adds a few,
# far under 0.3 s. On a loaded machine (Node alone over 150 ms) wall times are noise: then spine
# must stay within twice Node's own start-up, and the 0.3 s is reported, not judged.
timings="$(node -e '
const { spawnSync } = require("node:child_process");
const best = (command, args) => {
  let fastest = Infinity;
  for (let run = 0; run < 5; run += 1) {
    const start = process.hrtime.bigint();
    spawnSync(command, args);
    fastest = Math.min(fastest, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return Math.round(fastest);
};
console.log(best(process.argv[1], ["--version"]), best(process.execPath, ["-e", "0"]));
' "$spine")"
read -r version_ms node_ms <<<"$timings"
echo "check-install: spine --version took ${version_ms} ms (best of 5; node -e 0: ${node_ms} ms)"
if ((version_ms >= 300)); then
  ((node_ms >= 150 && version_ms < 2 * node_ms)) || fail "spine --version took ${version_ms} ms, over 300 ms"
  echo "check-install: WARNING: not judged against 0.3 s: Node alone takes ${node_ms} ms here (a loaded machine)"
fi

json_field() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const v=JSON.parse(s);console.log(eval("v."+process.argv[1]))})' "$1"; }

"$spine" db init >/dev/null
[[ -f "$project/spine.db" ]] || fail "spine db init did not create ./spine.db in the working directory"
"$spine" run otc.backfill_range --source-dir data --tier OTC --json >"$work/run.json" || fail "the backfill failed"
[[ "$(json_field ok <"$work/run.json")" == "true" ]] || fail "the backfill did not report ok"
weeks="$("$spine" query otc.weeks --json | json_field rowCount)"
((weeks >= 2)) || fail "otc.weeks has $weeks rows after loading two weeks"
shares="$("$spine" query otc.venue-shares --tier OTC --week-ending 2025-10-10 --json | json_field rowCount)"
((shares > 0)) || fail "otc.venue_shares is empty for the loaded week"
echo "check-install: loaded 2 weeks; otc.venue_shares has $shares rows for 2025-10-10"

# spine serve from the installed package: the bundled server, the page and uPlot copied beside it.
"$spine" serve --port 0 --json >"$work/serve.json" 2>"$work/serve.log" &
serve_pid=$!
for _ in $(seq 1 50); do [[ -s "$work/serve.json" ]] && break; sleep 0.2; done
url="$(json_field url <"$work/serve.json")" || fail "spine serve did not print its url: $(cat "$work/serve.log")"
node -e 'fetch(process.argv[1]).then(r=>r.ok?r.text():Promise.reject(r.status)).then(t=>{if(!t.includes(process.argv[2]))process.exit(1)}).catch(()=>process.exit(1))' "$url/" "<title>Market Spine</title>" || fail "spine serve did not serve the page"
node -e 'fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))' "$url/assets/vendor/uplot.js" || fail "spine serve did not serve uPlot"
[[ "$(node -e 'fetch(process.argv[1]).then(r=>r.text()).then(t=>process.stdout.write(t))' "$url/api/queries/otc.weeks" | json_field rowCount)" == "$weeks" ]] || fail "the API's otc.weeks differs from the CLI's"
kill "$serve_pid"
wait "$serve_pid" || true
echo "check-install: spine serve answered the page, uPlot and the API at $url"

cat >"$project/spine.config.json" <<'JSON'
{ "default": "dev", "targets": { "dev": { "db": "./spine.db" }, "scratch": { "db": "./scratch/spine-scratch.db" } } }
JSON
cd "$project/notebooks"
[[ "$("$spine" db status --json | json_field selection.target)" == "dev" ]] || fail "the config's default target is not used"
dev_weeks="$("$spine" query otc.weeks --json | json_field rowCount)"
((dev_weeks == weeks)) || fail "the default target from a sub-folder is not ./spine.db of the project"
"$spine" --target scratch db init >/dev/null
[[ -f "$project/scratch/spine-scratch.db" ]] || fail "--target scratch did not create its database beside the config"
echo "check-install: passed (installed spine $expected_version works outside the checkout)"
