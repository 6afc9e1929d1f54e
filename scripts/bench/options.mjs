// Command-line options of `pnpm bench` (node scripts/bench/run-bench.mjs [options]).

export const DEFAULT_SIZES = [100_000, 1_000_000, 2_000_000];

export const USAGE = `usage: pnpm bench [-- options]
  --sizes 100000,1000000   week sizes in rows (default 100000,1000000,2000000)
  --quick                  100k-row week only, smaller backfill/rolling scenarios, BENCHMARKS.md untouched
  --seed N                 generator seed (default 42)
  --backend auto           auto (default): SQLite, plus PostgreSQL when SPINE_BENCH_DATABASE_URL or
                           SPINE_TEST_DATABASE_URL is set or PostgreSQL binaries can start a throwaway
                           cluster (scripts/with-postgres.sh); or sqlite, postgres, sqlite,postgres
  --skip a,b               skip scenarios: week, baseline, backfill, rolling, list
  --backfill-rows N        rows per week of the 6-week backfill (default 100000)
  --rolling-sizes a,b      rows per week of the two rolling/snapshot scaling runs (default 25000,100000)
  --profile                run the week and backfill children under node --cpu-prof and print a
                           self-time summary of each
  --repeat N               run the SQLite week and the sqlite3 baseline N times, interleaved, and
                           the SQLite backfill N times, and report the median of each (default 3;
                           1 with --quick or --profile)
  --unbundled              run the child processes from scripts/bench/ unbundled (by default they are
                           bundled as the spine CLI is; see scripts/bench/bundle-children.mjs)
  --write / --no-write     update BENCHMARKS.md (default: only for a run with the default sizes)
  --clean                  also delete the cached generated files at the end
  --scenario real-scale    instead: weeks at FINRA's sizes, all tiers (see --scenario real-scale --help)`;

function numberList(text, flag) {
  const values = text.split(",").map((part) => Number(part.replaceAll("_", "").trim()));
  if (values.length === 0 || values.some((value) => !Number.isInteger(value) || value <= 0)) {
    throw new Error(`${flag} expects positive integers separated by commas, got "${text}"`);
  }
  return values;
}

function backendList(text) {
  if (text === "auto") return text;
  const names = text.split(",").map((name) => name.trim());
  const unknown = names.filter((name) => !["sqlite", "postgres"].includes(name));
  if (names.length === 0 || unknown.length > 0)
    throw new Error(`--backend expects auto, sqlite, postgres or sqlite,postgres, got "${text}"`);
  return [...new Set(names)];
}

/** Parses argv into the bench options; throws with a message on a bad flag. */
export function parseOptions(argv) {
  const options = {
    sizes: DEFAULT_SIZES,
    quick: false,
    seed: 42,
    backend: "auto",
    skip: new Set(),
    backfillRows: 100_000,
    rollingSizes: [25_000, 100_000],
    profile: false,
    repeat: 3,
    write: undefined,
    clean: false,
    unbundled: false,
    help: false,
  };
  let sizesGiven = false;
  for (let index = 0; index < argv.length; index += 1) {
    const flag = argv[index];
    const value = () => {
      const next = argv[index + 1];
      if (next === undefined) throw new Error(`${flag} needs a value`);
      index += 1;
      return next;
    };
    if (flag === "--") continue;
    else if (flag === "--sizes") {
      options.sizes = numberList(value(), flag);
      sizesGiven = true;
    } else if (flag === "--quick") options.quick = true;
    else if (flag === "--seed") options.seed = numberList(value(), flag)[0];
    else if (flag === "--backend") options.backend = backendList(value());
    else if (flag === "--skip") for (const name of value().split(",")) options.skip.add(name.trim());
    else if (flag === "--backfill-rows") options.backfillRows = numberList(value(), flag)[0];
    else if (flag === "--rolling-sizes") options.rollingSizes = numberList(value(), flag).slice(0, 2);
    else if (flag === "--profile") options.profile = true;
    else if (flag === "--repeat") options.repeat = Math.max(1, numberList(value(), flag)[0]);
    else if (flag === "--write") options.write = true;
    else if (flag === "--no-write") options.write = false;
    else if (flag === "--clean") options.clean = true;
    else if (flag === "--unbundled") options.unbundled = true;
    else if (flag === "--help" || flag === "-h") options.help = true;
    else throw new Error(`unknown option ${flag}\n${USAGE}`);
  }
  if (options.quick) {
    if (!sizesGiven) options.sizes = [100_000];
    options.rollingSizes = [10_000, 40_000];
    options.repeat = 1;
  }
  if (options.profile) options.repeat = 1;
  if (options.write === undefined) options.write = !options.quick && !sizesGiven && options.skip.size === 0;
  return options;
}
