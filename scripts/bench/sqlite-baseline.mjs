// The baseline: the sqlite3 shell alone doing the core work on the same file, in a fresh database
// with the platform's pragmas: .import, an insert into a table with the natural-key unique index,
// the symbol summary and the venue share (market share over the tier-week total) aggregates.
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { runMeasured } from "./measure.mjs";

/** The sqlite3 shell's version line, or null when `sqlite3` is not on PATH. */
export function sqliteShellVersion() {
  const probe = spawnSync("sqlite3", ["--version"], { encoding: "utf8" });
  return probe.status === 0 ? probe.stdout.trim().split(" ").slice(0, 2).join(" ") : null;
}

export function baselineScript(file) {
  const quoted = file.replaceAll("\\", "\\\\").replaceAll('"', '\\"');
  const active = "case when share_volume > 0 or trade_count > 0 then 1 else 0 end";
  return `pragma page_size = 16384;
pragma journal_mode = WAL;
pragma synchronous = NORMAL;
pragma cache_size = -65536;
pragma temp_store = MEMORY;
create table raw_import (tierDescription text, issueSymbolIdentifier text, issueName text, marketParticipantName text,
  MPID text, totalWeeklyShareQuantity text, totalWeeklyTradeCount text, lastUpdateDate text);
.mode list
.separator |
.import --skip 1 "${quoted}" raw_import
create table venue (
  tier text not null, symbol text not null, issue_name text, mpid text not null, participant_name text,
  share_volume integer not null, trade_count integer not null, last_update_date text,
  unique (symbol, mpid)
);
insert into venue
select tierDescription, issueSymbolIdentifier, issueName, MPID, marketParticipantName,
  cast(totalWeeklyShareQuantity as integer), cast(totalWeeklyTradeCount as integer), lastUpdateDate
from raw_import;
create table summary as
select symbol, sum(share_volume) as total_volume, sum(trade_count) as total_trades, sum(${active}) as venue_count,
  case when sum(trade_count) = 0 then null else cast(sum(share_volume) as real) / sum(trade_count) end as avg_trade_size
from venue group by symbol;
create table share as
select mpid, min(participant_name) as participant_name, sum(share_volume) as total_volume,
  sum(trade_count) as total_trades, sum(${active}) as symbol_count,
  cast(sum(share_volume) as real) / (select sum(share_volume) from venue) as market_share
from venue group by mpid;
select count(*) from venue;
select count(*) from summary;
select count(*) from share;
`;
}

/** Runs the baseline in a fresh database under `directory`; resolves the measured run and row counts. */
export async function runSqliteBaseline({ file, directory, name }) {
  const scriptPath = join(directory, `${name}.sql`);
  writeFileSync(scriptPath, baselineScript(file));
  const run = await runMeasured("sqlite3", [join(directory, `${name}.db`)], { stdinFile: scriptPath });
  if (run.code !== 0)
    throw new Error(`sqlite3 baseline failed (exit ${run.code}): ${run.stderr.slice(-2000)}`);
  const [venueRows, symbols, venues] = run.stdout
    .trim()
    .split("\n")
    .slice(-3)
    .map((line) => Number(line));
  return { ...run, venueRows, symbols, venues };
}
