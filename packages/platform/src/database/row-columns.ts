/** The words of a space-separated list of column names, as a union. */
type Words<List extends string> = List extends `${infer First} ${infer Rest}` ? First | Words<Rest> : List;

/**
 * A table's row type by column kind (text, numbers, nullable text, nullable numbers), each kind a
 * space-separated list of names, so a row type reads like a line of its migration:
 * `RowColumns<"capture_id tier", "shares trades", "ats_name">`.
 */
export type RowColumns<
  Text extends string,
  Numeric extends string,
  MaybeText extends string = "",
  MaybeNumeric extends string = "",
> = Record<Words<Text>, string> &
  Record<Words<Numeric>, number> &
  Record<Exclude<Words<MaybeText>, "">, string | null> &
  Record<Exclude<Words<MaybeNumeric>, "">, number | null>;

/** Column names from a space-separated list (as {@link RowColumns} takes them), e.g. for bulk inserts. */
export const columnList = (names: string): readonly string[] => names.split(" ");
