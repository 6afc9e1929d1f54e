import type { SqlScope } from "../database/spine-database.js";

/**
 * A write of a load besides its rows, run on the load's connection between two inserts (see
 * IngestDelimitedFileOptions.writesAlongside): a stored source, say.
 */
export type SideWrite = (scope: SqlScope) => Promise<void>;
