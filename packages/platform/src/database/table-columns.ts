/** The words of a space-separated list of names, as a union. */
export type Words<List extends string> = List extends `${infer First} ${infer Rest}`
  ? First | Words<Rest>
  : List;

/**
 * A Kysely row type by column kind, each kind a space-separated list of column names (text,
 * numbers, nullable text, nullable numbers), so a table's type reads like a line of its migration:
 * `TableColumns<"capture_id symbol", "shares", "issue_name">`.
 */
export type TableColumns<
  Text extends string,
  Numeric extends string,
  MaybeText extends string = "",
  MaybeNumeric extends string = "",
> = Record<Exclude<Words<Text>, "">, string> &
  Record<Exclude<Words<Numeric>, "">, number> &
  Record<Exclude<Words<MaybeText>, "">, string | null> &
  Record<Exclude<Words<MaybeNumeric>, "">, number | null>;

/** Row tables together with their `<table>_latest` views (same columns), for Kysely. */
export type WithLatestViews<Tables> = Tables & {
  [Name in keyof Tables as `${Name & string}_latest`]: Tables[Name];
};

/** Column names from a space-separated list, for bulk inserts and column lists. */
export const columnList = (names: string): readonly string[] => names.split(" ");
