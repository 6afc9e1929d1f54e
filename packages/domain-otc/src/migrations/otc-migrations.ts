import type { MigrationDefinition } from "@spine/platform";
import { createOtcTables } from "./0001-create-otc-tables.js";
import { rowTablesLineagePerCapture } from "./0002-row-tables-lineage-per-capture.js";
import { latestViewsSeekByPartition } from "./0003-latest-views-seek-by-partition.js";
import { rawMetadataProfile } from "./0004-raw-metadata-profile.js";
import { symbolSummaryIssueName } from "./0005-symbol-summary-issue-name.js";
import { capturesOnPlatform } from "./0006-captures-on-platform.js";
import { otcFractionalShares } from "./0007-fractional-shares.js";
import { derivedLineagePerCapture } from "./0008-derived-lineage-per-capture.js";
import { rawRowsWithoutRecordHash } from "./0009-raw-rows-without-record-hash.js";
import { venueHistoryIndex } from "./0010-venue-history-index.js";
import { symbolIndexesDropped } from "./0011-symbol-indexes-dropped.js";
import { derivedRowsInKeyOrder } from "./0012-derived-rows-in-key-order.js";
import { namesOncePerSource } from "./0013-names-once-per-source.js";

/** The OTC migrations, applied in this order; each is frozen once released. */
export const otcMigrations: readonly MigrationDefinition[] = [
  createOtcTables,
  rowTablesLineagePerCapture,
  latestViewsSeekByPartition,
  rawMetadataProfile,
  symbolSummaryIssueName,
  capturesOnPlatform,
  otcFractionalShares,
  derivedLineagePerCapture,
  rawRowsWithoutRecordHash,
  venueHistoryIndex,
  symbolIndexesDropped,
  derivedRowsInKeyOrder,
  namesOncePerSource,
];
