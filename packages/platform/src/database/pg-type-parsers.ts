import pg from "pg";

const int8Oid = 20;
const numericOid = 1700;

// pg returns int8 and numeric as strings because they may exceed 2^53. Spine's counts and share
// volumes stay far below that, and the domain code must see numbers on both backends, so parse
// them here. Per pool (not the global pg.types) so other pg users in the process are unaffected.
const parseNumber = (value: string): number => Number(value);

/** Type parsers for a pg Pool: int8 and numeric as JavaScript numbers, the rest as pg's defaults. */
export function createPgTypeParsers(): pg.CustomTypesConfig {
  return {
    getTypeParser: ((oid: number, format?: "text" | "binary") => {
      if (oid === int8Oid || oid === numericOid) return parseNumber;
      return format === "binary"
        ? pg.types.getTypeParser(oid, "binary")
        : pg.types.getTypeParser(oid, "text");
    }) as pg.CustomTypesConfig["getTypeParser"],
  };
}
