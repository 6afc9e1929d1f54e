// The PostgreSQL counterpart of sqlite-baseline.mjs: psql alone doing the week's core work on the
// same server the pipeline's PostgreSQL column uses, so the two are compared in one run. The core
// work is what issue #17 names: `\copy` into a text table, one insert into a typed table with the
// natural-key unique constraint, then the symbol summary and venue share aggregates.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { runMeasured } from "./measure.mjs";
import { platformEntry } from "./paths.mjs";

/** psql's version line, or null when `psql` is not on PATH. */
export function psqlVersion() {
  const probe = spawnSync("psql", ["--version"], { encoding: "utf8" });
  return probe.status === 0 ? probe.stdout.trim() : null;
}

function literal(text) {
  return `'${text.replaceAll("'", "''")}'`;
}

export function psqlBaselineScript(file) {
  const active = "case when share_volume > 0 or trade_count > 0 then 1 else 0 end";
  return `\\set ON_ERROR_STOP on
create table raw_import (tierDescription text, issueSymbolIdentifier text, issueName text, marketParticipantName text,
  MPID text, totalWeeklyShareQuantity text, totalWeeklyTradeCount text, lastUpdateDate text);
\\copy raw_import from ${literal(file)} with (format text, delimiter '|', header true)
create table venue (
  tier text not null, symbol text not null, issue_name text, mpid text not null, participant_name text,
  share_volume numeric not null, trade_count bigint not null, last_update_date text,
  unique (symbol, mpid)
);
insert into venue
select tierDescription, issueSymbolIdentifier, issueName, MPID, marketParticipantName,
  cast(totalWeeklyShareQuantity as numeric), cast(totalWeeklyTradeCount as bigint), lastUpdateDate
from raw_import;
analyze venue;
create table summary as
select symbol, sum(share_volume) as total_volume, sum(trade_count) as total_trades, sum(${active}) as venue_count,
  case when sum(trade_count) = 0 then null else cast(sum(share_volume) as double precision) / sum(trade_count) end
    as avg_trade_size
from venue group by symbol;
create table share as
select mpid, min(participant_name) as participant_name, sum(share_volume) as total_volume,
  sum(trade_count) as total_trades, sum(${active}) as symbol_count,
  cast(sum(share_volume) as double precision) / (select sum(share_volume) from venue) as market_share
from venue group by mpid;
\\t on
select count(*) from venue;
select count(*) from summary;
select count(*) from share;
`;
}

// The URL's parts as libpq variables: a password in the environment never shows in `ps`.
function libpqEnvironment(url) {
  const parsed = new URL(url);
  return {
    PGHOST: decodeURIComponent(parsed.hostname),
    PGPORT: parsed.port || "5432",
    PGUSER: decodeURIComponent(parsed.username),
    PGPASSWORD: decodeURIComponent(parsed.password),
    PGDATABASE: decodeURIComponent(parsed.pathname.slice(1)),
  };
}

/**
 * Runs the baseline in a scratch database of the admin URL's server (created and dropped outside
 * the timing); resolves the measured run and its row counts.
 */
export async function runPsqlBaseline({ file, directory, name, adminUrl }) {
  const { createScratchDatabase } = await import(platformEntry);
  const scratch = await createScratchDatabase(adminUrl, "spine_bench_psql");
  const scriptPath = join(directory, `${name}.psql`);
  writeFileSync(scriptPath, psqlBaselineScript(file));
  try {
    const run = await runMeasured("psql", ["-X", "-q", "-A", "-f", scriptPath], {
      env: { ...process.env, ...libpqEnvironment(scratch.url) },
    });
    if (run.code !== 0)
      throw new Error(`psql baseline failed (exit ${run.code}): ${run.stderr.slice(-2000)}`);
    const [venueRows, symbols, venues] = run.stdout
      .trim()
      .split("\n")
      .filter((line) => line.trim() !== "")
      .slice(-3)
      .map((line) => Number(line));
    return { ...run, venueRows, symbols, venues };
  } finally {
    await scratch.drop();
  }
}
