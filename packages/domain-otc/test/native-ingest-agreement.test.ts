import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { PipelineContext, Spine } from "@spine/platform";
import { sql } from "@spine/platform";
import { afterEach, describe, expect, it } from "vitest";
import { downloadHeaderLine, writeNativeRawRows } from "../src/pipelines/support/native-raw-rows.js";
import { createMetadataProfile } from "../src/pipelines/support/raw-metadata-profile.js";
import type { RawCounts } from "../src/pipelines/support/raw-row-writer.js";
import { createRawLineConverter } from "../src/pipelines/support/raw-row-writer.js";
import { createRecordHasher } from "../src/pipelines/support/record-hasher.js";
import { identifySource } from "../src/pipelines/support/source-identity.js";
import { openOtcSpine } from "./support/otc-spine.js";

// Ingest on SQLite with the platform's native text functions must store exactly what the path
// without them stores: every raw row (fields, line number, raw line, record hash), the metadata
// profile, the counts and the errors. SQLite only: PostgreSQL never has the functions.

type OtcSpine = Awaited<ReturnType<typeof openOtcSpine>>;
const spines: OtcSpine[] = [];
afterEach(async () => {
  for (const spine of spines.splice(0)) await spine.cleanup();
});

async function openSpine(nativeExtension: "on" | "off"): Promise<OtcSpine> {
  const spine = await openOtcSpine({ backend: "sqlite", nativeExtension });
  spines.push(spine);
  return spine;
}

const header =
  "tierDescription|issueSymbolIdentifier|issueName|marketParticipantName|MPID|totalWeeklyShareQuantity|totalWeeklyTradeCount|lastUpdateDate";

function seeded(seed: number) {
  let state = seed;
  return (below: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % below;
  };
}

// A download-layout file: mostly plain lines in runs of a few tiers and dates, and lines with
// every reason not to be plain (padding, quotes, NUL, non-ASCII and invalid UTF-8, empty and extra
// fields, odd counts, blank lines), with LF, CRLF and lone CR endings.
function randomFile(seed: number): Buffer {
  const next = seeded(seed);
  const pieces = [" ", '"', "|", "\u0000", "\t", "é", "\uFEFF", "", "0", "007", "1,000", "x"];
  const parts: Buffer[] = [];
  const ending = () => Buffer.from(["\n", "\r\n", "\r", "\n", "\n"][next(5)] ?? "\n");
  if (next(3) === 0) parts.push(Buffer.from("\uFEFF"));
  if (next(3) === 0) parts.push(Buffer.from("\n  \n"));
  parts.push(Buffer.from(header), ending());
  const tiers = ["OTC", "OTC", "OTC", "NMS Tier 1"];
  const dates = ["2025-11-03", "2025-11-03", "2025-11-03", "2025-10-27"];
  for (let line = 0; line < 400; line += 1) {
    const fields = [
      tiers[next(tiers.length)] ?? "OTC",
      `S${next(40)}`,
      `Issue ${next(9)} Inc.`,
      `Venue ${next(5)} LLC`,
      `MP${next(7)}`,
      String(next(100000)),
      String(next(900)),
      dates[next(dates.length)] ?? "2025-11-03",
    ];
    if (next(6) === 0) fields[next(8)] = pieces[next(pieces.length)] ?? "";
    if (next(25) === 0) fields.push("extra");
    const text = next(30) === 0 ? "" : fields.join("|");
    parts.push(Buffer.from(text));
    if (next(40) === 0) parts.push(Buffer.from([0xff, 0xc3]));
    parts.push(ending());
  }
  if (next(2) === 0) parts.pop();
  return Buffer.concat(parts);
}

async function ingest(
  spine: Spine & { directory: string },
  data: Buffer,
  params: Record<string, unknown>,
  name = "finra_otc_weekly_otc_20251103.csv",
) {
  const file = join(spine.directory, name);
  writeFileSync(file, data);
  return spine.dispatcher.submit("otc.ingest_week", { file_path: file, ...params });
}

async function stored(spine: Spine) {
  const rows = await sql`select * from otc_raw_rows order by line_number`.execute(spine.database.db);
  const profile = await sql`select * from otc_raw_metadata order by position`.execute(spine.database.db);
  const view = await sql`select line_number, raw_line from otc_raw order by line_number`.execute(
    spine.database.db,
  );
  return { rows: rows.rows, profile: profile.rows, view: view.rows };
}

describe("integration", () => {
  it("stores the same raw rows, profile and counts with and without the native text functions", async () => {
    for (let seed = 1; seed <= 12; seed += 1) {
      const data = randomFile(seed);
      const [native, javascript] = [await openSpine("on"), await openSpine("off")];
      const params = { tier: "OTC", week_ending: "2025-10-03" };
      const [withNative, without] = [
        await ingest(native, data, params),
        await ingest(javascript, data, params),
      ];
      expect(withNative.status, `seed ${seed}: ${withNative.error}`).toBe("completed");
      // The native path really ran; everything else it reports is the same.
      expect(withNative.metrics.reader).toBe("native text functions");
      expect(without.metrics.reader).toBe("javascript");
      expect({ ...withNative.metrics, reader: "" }, `seed ${seed}`).toEqual({
        ...without.metrics,
        reader: "",
      });
      const [nativeRows, javascriptRows] = [await stored(native), await stored(javascript)];
      expect(nativeRows, `seed ${seed}`).toEqual(javascriptRows);
      // Both kinds of line occur: the native path is not just handing every line back.
      const plain = nativeRows.rows.filter((row) => (row as { raw_line: unknown }).raw_line === null).length;
      expect(plain, `seed ${seed}`).toBeGreaterThan(200);
      expect(nativeRows.rows.length - plain, `seed ${seed}`).toBeGreaterThan(10);
      for (const spine of spines.splice(0)) await spine.cleanup();
    }
  });

  it("decides the week from the rows alike, refusing the same mixed-week files at the same line", async () => {
    // No week parameter and no date in the file name: every row's lastUpdateDate is checked.
    const outcomes = new Set<string>();
    for (let seed = 1; seed <= 10; seed += 1) {
      const data = randomFile(seed);
      const [native, javascript] = [await openSpine("on"), await openSpine("off")];
      const [withNative, without] = [
        await ingest(native, data, { tier: "OTC" }, "week.csv"),
        await ingest(javascript, data, { tier: "OTC" }, "week.csv"),
      ];
      outcomes.add(withNative.status);
      expect(withNative.status, `seed ${seed}`).toBe(without.status);
      expect(withNative.error?.replaceAll(native.directory, "DIR"), `seed ${seed}`).toBe(
        without.error?.replaceAll(javascript.directory, "DIR"),
      );
      expect(await stored(native), `seed ${seed}`).toEqual(await stored(javascript));
      for (const spine of spines.splice(0)) await spine.cleanup();
    }
    // The random files mix two publication dates, so most are refused.
    expect(outcomes.has("failed")).toBe(true);
  });

  it("refuses a file whose rows disagree on the week with the same error, naming the same line", async () => {
    const lines = [header];
    for (let line = 0; line < 50; line += 1) lines.push(`OTC|S${line}|Issue|Venue|MPA|100|2|2025-11-03`);
    lines.push("OTC|LATE|Issue|Venue|MPA|100|2|2025-11-10");
    const data = Buffer.from(`${lines.join("\n")}\n`);
    const [native, javascript] = [await openSpine("on"), await openSpine("off")];
    const [withNative, without] = [await ingest(native, data, {}), await ingest(javascript, data, {})];
    expect(withNative.status).toBe("failed");
    expect(withNative.error).toContain("line 52");
    expect(withNative.error?.replace(native.directory, "DIR")).toBe(
      without.error?.replace(javascript.directory, "DIR"),
    );
    expect((await stored(native)).rows).toEqual([]);
  });

  it("numbers lines the same whatever the chunk size, with line endings on chunk boundaries", async () => {
    const spine = await openSpine("on");
    const data = randomFile(99);
    expect((await ingest(spine, data, { tier: "OTC", week_ending: "2025-10-03" })).status).toBe("completed");
    const whole = await stored(spine);
    const { rows } = await sql<{ capture_id: string }>`select capture_id from otc_captures`.execute(
      spine.database.db,
    );
    const captureId = rows[0]?.capture_id ?? "";
    const context = { scope: spine.database, progress: () => {} } as unknown as PipelineContext;
    for (const chunkBytes of [1, 7, 64, 1000]) {
      await sql`delete from otc_raw_rows`.execute(spine.database.db);
      const counts: RawCounts = { rowsRead: 0, blankLines: 0, malformed: 0, lastUpdateDates: new Map() };
      const profile = createMetadataProfile();
      const identity = {
        tier: "OTC",
        weekEnding: "2025-10-03",
        weekRule: "parameter",
        lastUpdateDate: null,
      } as const;
      const path = join(spine.directory, "finra_otc_weekly_otc_20251103.csv");
      const source = { identity, captureId, path, counts };
      const identified = await identifySource(path, { tier: "OTC", week_ending: "2025-10-03" });
      const headerLine = downloadHeaderLine(identified.header);
      if (headerLine === null) throw new Error("the generated file has a download-layout header");
      const hasher = createRecordHasher();
      const converter = createRawLineConverter({ ...source, profile });
      const written = await writeNativeRawRows(context, {
        ...source,
        headerLine,
        converter,
        hasher,
        chunkBytes,
      });
      await hasher.close();
      expect(written, `chunk ${chunkBytes}`).toBe(whole.rows.length);
      expect((await stored(spine)).rows, `chunk ${chunkBytes}`).toEqual(whole.rows);
      expect(
        profile.entries().map((entry) => ({ ...entry, capture_id: captureId })),
        `chunk ${chunkBytes}`,
      ).toEqual(
        whole.profile.map((row) => {
          const { position: _position, ...entry } = row as Record<string, unknown>;
          return entry;
        }),
      );
    }
  });
});
