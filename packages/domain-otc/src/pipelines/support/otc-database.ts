import type { SqlScope } from "@spine/platform";
import type { OtcTables } from "../../database/otc-tables.js";

/** The scope's Kysely handle, typed with the OTC tables as well as the platform's. */
export function otcDatabase(scope: SqlScope) {
  return scope.db.withTables<OtcTables>();
}

/** The typed handle returned by {@link otcDatabase}. */
export type OtcDatabase = ReturnType<typeof otcDatabase>;
