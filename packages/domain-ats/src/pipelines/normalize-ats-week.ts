import { venueRowReject } from "@spine/finra";
import {
  type CaptureRow,
  captureDetails,
  definePipeline,
  openDerivedCapture,
  recordCountCheck,
  setCaptureRowCount,
} from "@spine/platform";
import { atsCaptures } from "../ats-captures.js";
import { judgeAtsRows } from "../calculations/validate-ats-row.js";
import { columnList } from "../database/ats-tables.js";
import { readStoredLines } from "./raw-line-chunks.js";
import { latestInput, tierWeekParams, tierWeekStage } from "./tier-week-stage.js";

const venueColumns = columnList(
  "capture_id tier week_ending line_number symbol mpid issue_name ats_name shares trades",
);

// A republication, or restated rows of a file its dates placed, carry later dates that say nothing of the week.
const ignoresLastUpdateDate = (raw: CaptureRow) =>
  Number(raw.source_revision ?? 1) > 1 || captureDetails(raw).dates_place_week === true;

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
    const { rows, rejects } = await readStoredLines(context.scope, raw.capture_id);
    const rowsRead = rows.length + rejects.length;
    const tierWeek = { tier: input.tier, weekEnding: input.week_ending };
    const judged = judgeAtsRows(rows, { ...tierWeek, ignoreLastUpdateDate: ignoresLastUpdateDate(raw) });
    rejects.push(...judged.rejected.map(venueRowReject));
    await context.rejects.record(
      rejects
        .sort((left, right) => Number(left.lineNumber) - Number(right.lineNumber))
        .map((reject) => ({ ...reject, source: raw.source_file })),
    );
    const owner = [captureId, input.tier, input.week_ending];
    const written = await context.scope.bulkInsert(
      "ats_venue_rows",
      venueColumns,
      judged.accepted.map((row) => [
        ...owner,
        row.lineNumber,
        row.symbol,
        row.mpid,
        row.issueName,
        row.marketParticipantName,
        row.shareVolume,
        row.tradeCount,
      ]),
    );
    await setCaptureRowCount(context.scope, captureId, written);
    await recordCountCheck(context.quality, {
      checkName: "normalize.rows_accounted",
      critical: true,
      actual: written + rejects.length,
      expected: rowsRead,
      message: `${rowsRead} rows read: ${written} accepted, ${rejects.length} rejected`,
    });
    const metrics = { rows_read: rowsRead, rows_accepted: written, rows_rejected: rejects.length };
    return { rowCount: written, metrics: { capture_id: captureId, ...metrics } };
  },
});
