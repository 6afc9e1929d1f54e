import type { RawVenueRow } from "@spine/finra";
import { definePipeline, openDerivedCapture, type RejectInput, setCaptureRowCount } from "@spine/platform";
import { atsCaptures } from "../ats-captures.js";
import { judgeAtsRows } from "../calculations/validate-ats-row.js";
import { columnList } from "../database/ats-tables.js";
import { storedLines } from "./raw-line-chunks.js";
import { latestInput, tierWeekParams, tierWeekStage } from "./tier-week-stage.js";

const venueColumns = columnList(
  "capture_id tier week_ending line_number symbol mpid issue_name ats_name shares trades",
);

/** Judges the latest ingest of a tier-week and keeps its ATS_W_SMBL_FIRM rows in ats_venue_rows. Summary rows
 * (ATS_W_SMBL, ATS_W_FIRM, ATS_W_VOL_STATS) and bad rows become rejects with their line, so rows read =
 * accepted + rejected. The rows of one tier-week are judged together, in memory: a second report of a
 * (symbol, ATS) anywhere in the file is a DUPLICATE_KEY. */
export const normalizeAtsWeek = definePipeline({
  name: "ats.normalize_week",
  description:
    "Validate an ingested ATS tier-week: detail rows to ats_venue_rows, summary and bad rows rejected.",
  params: tierWeekParams,
  stage: tierWeekStage("normalize"),
  run: async (context, input) => {
    const raw = await latestInput(context, input, "ingest", "ats.ingest_week");
    const captureId = await openDerivedCapture(context, atsCaptures, raw, {
      stage: "normalize",
      createdAt: context.now().toISOString(),
    });
    const rows: RawVenueRow[] = [];
    const rejects: RejectInput[] = [];
    for await (const chunk of storedLines(context.scope, raw.capture_id))
      for (const stored of chunk) {
        if (stored.kind === "row") rows.push(stored.row);
        else rejects.push(stored.reject);
      }
    const rowsRead = rows.length + rejects.length;
    // A republication, or restated rows of a file its dates placed, carry later dates that say nothing of the week.
    const placedByDates = JSON.parse(raw.details ?? "{}").dates_place_week === true;
    const ignoreLastUpdateDate = Number(raw.source_revision ?? 1) > 1 || placedByDates;
    const tierWeek = { tier: input.tier, weekEnding: input.week_ending };
    const judged = judgeAtsRows(rows, { ...tierWeek, ignoreLastUpdateDate });
    const rejectedLines = new Set(judged.rejected.map((reject) => reject.lineNumber));
    const acceptedLines = rows.filter((row) => !rejectedLines.has(row.lineNumber));
    const lineText = new Map(rows.map((row) => [row.lineNumber, row.rawLine]));
    for (const { lineNumber, issues } of judged.rejected) {
      const [primary] = issues;
      const reasonDetail = issues.map((issue) => issue.detail).join("; ");
      rejects.push({
        reasonCode: primary?.code ?? "INVALID_ROW",
        reasonDetail,
        lineNumber,
        rawRecord: lineText.get(lineNumber) ?? null,
      });
    }
    const source = raw.source_file;
    await context.rejects.record(
      rejects
        .sort((left, right) => Number(left.lineNumber) - Number(right.lineNumber))
        .map((reject) => ({ ...reject, source })),
    );
    const written = await context.scope.bulkInsert(
      "ats_venue_rows",
      venueColumns,
      judged.accepted.map((row, index) => [
        captureId,
        input.tier,
        input.week_ending,
        acceptedLines[index]?.lineNumber,
        row.symbol,
        row.mpid,
        row.issueName,
        row.marketParticipantName,
        row.shareVolume,
        row.tradeCount,
      ]),
    );
    await setCaptureRowCount(context.scope, captureId, written);
    await context.quality.record({
      checkName: "normalize.rows_accounted",
      severity: "critical",
      status: rowsRead === written + rejects.length ? "pass" : "fail",
      message: `${rowsRead} rows read: ${written} accepted, ${rejects.length} rejected`,
      actual: written + rejects.length,
      expectedValue: rowsRead,
    });
    return {
      rowCount: written,
      metrics: {
        capture_id: captureId,
        rows_read: rowsRead,
        rows_accepted: written,
        rows_rejected: rejects.length,
      },
    };
  },
});
