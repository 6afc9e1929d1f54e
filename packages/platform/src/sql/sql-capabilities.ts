import type { CreateTableBuilder, Kysely, RawBuilder } from "kysely";
import type { CoreTables } from "../database/core-tables.js";
import type { HeldRows } from "../database/encoded-rows.js";

/** What {@link SqlCapabilities.dumpSchema} reads: a database handle (a scope or the database). */
export interface SchemaSource {
  readonly db: Kysely<CoreTables>;
}

/** One column of {@link GroupedSumsSpec}: its name in the result and the expression it reads. */
export interface GroupedColumn {
  readonly name: string;
  readonly expression: RawBuilder<unknown>;
  /**
   * For a sum: the column holds non-negative decimals (fractional shares), added up exactly as
   * {@link SqlCapabilities.exactSum} does; otherwise integers.
   */
  readonly decimal?: boolean;
}

/** What {@link SqlCapabilities.groupedSums} totals: one result row per distinct `key`. */
export interface GroupedSumsSpec {
  /** A name the backend may give a temporary table; it must not clash with another in use. */
  readonly scratchTable: string;
  /** The rows' source, as it follows `from`: a table name or a join. */
  readonly from: RawBuilder<unknown>;
  /** Which rows of `from` count. */
  readonly where: RawBuilder<unknown>;
  /** The text grouped by; never NULL. */
  readonly key: GroupedColumn;
  /** Text columns reduced to their smallest non-NULL value in byte order (NULL when all are). */
  readonly smallest: readonly GroupedColumn[];
  /** Integer columns (or decimal ones, marked `decimal`) added up; never NULL. */
  readonly sums: readonly GroupedColumn[];
}

/** The statements of one grouped sum; run `prepare`, read `rows`, then run `cleanUp`. */
export interface GroupedSums {
  /** Statements to run, in order and in the same transaction, before `rows` is read. */
  readonly prepare: readonly RawBuilder<unknown>[];
  /**
   * A query with one row per key and the columns key, smallest..., sums... under their names;
   * usable as a subquery (`from (${rows}) alias`).
   */
  readonly rows: RawBuilder<unknown>;
  /** Statements to run after the last read of `rows`. */
  readonly cleanUp: readonly RawBuilder<unknown>[];
}

/** What {@link SqlCapabilities.insertIgnoringDuplicates} inserts. */
export interface InsertIgnoringDuplicatesSpec {
  /** The table written; `key` must be its primary key (or a unique constraint). */
  readonly into: string;
  readonly columns: readonly string[];
  /** The key columns; the source names them alike, and each key is inserted once. */
  readonly key: readonly string[];
  /** The select list, in `columns` order. */
  readonly select: RawBuilder<unknown>;
  /** The source, as it follows `from`, with its `where` clause if any. */
  readonly from: RawBuilder<unknown>;
  /** Of the source rows sharing a key, the first by this order (after the key) is inserted. */
  readonly keepFirstBy: RawBuilder<unknown>;
}

/**
 * Where SQLite and PostgreSQL spell SQL differently, the backend answers with the right SQL
 * instead of callers testing which backend they run on (as Kysely's adapters answer
 * `supportsReturning`). Every capability gives the same rows on every backend; a new backend is a
 * new implementation of this interface, not a new branch in callers. Reached as `scope.sql` in
 * pipelines and as the second argument of a migration's `statements`.
 */
export interface SqlCapabilities {
  /** The boolean literal true. */
  readonly true: RawBuilder<unknown>;
  /** The boolean literal false. */
  readonly false: RawBuilder<unknown>;
  /**
   * `expression` compared byte by byte (code point order for UTF-8) in `=`, `<`, `min()` and
   * `order by`, whatever the database's collation: ranks, tie breaks and picked names then agree
   * across backends and with JavaScript's comparison of strings.
   */
  byteOrder(expression: RawBuilder<unknown>): RawBuilder<unknown>;
  /**
   * True when `left` equals `right` or both are NULL; never NULL. `right` is an expression or a
   * value (bound as a parameter).
   */
  isNotDistinctFrom(left: RawBuilder<unknown>, right: unknown): RawBuilder<unknown>;
  /**
   * A fast filter for counts held as text: true only when `text` is 1 to `maximumDigits` (at most
   * and by default 15) decimal digits and nothing else, so casting it to bigint and JavaScript's
   * parsing agree exactly (15 digits is always a safe integer). A backend may answer false for some such spellings (SQLite: leading
   * zeros), so callers handle the rows it leaves out another way. NULL when `text` is NULL.
   */
  isWholeNumber(text: RawBuilder<unknown>, maximumDigits?: number): RawBuilder<unknown>;
  /**
   * An INSERT ... SELECT that inserts one row per key: of the source rows sharing a key, the first
   * by `keepFirstBy`. Rows are inserted in key order. For keys the table does not hold yet (a new
   * capture's rows, say): a key already in the table is skipped on some backends and fails on
   * others.
   */
  insertIgnoringDuplicates(spec: InsertIgnoringDuplicatesSpec): RawBuilder<unknown>;
  /**
   * Per-key sums and smallest names, computed the fastest way the backend has: a GROUP BY on
   * PostgreSQL (a hash aggregate), an upsert into a temporary table keyed by `key` on SQLite (whose
   * GROUP BY sorts every row; the upsert is a quarter faster when keys are few).
   */
  groupedSums(spec: GroupedSumsSpec): GroupedSums;
  /**
   * An aggregate: `value` (text) of the group's first row by `order`, an ORDER BY list such as
   * `volume desc, ${byteOrder(name)}`: one pass over the rows instead of a join back to them for
   * the row that holds the group's largest value. NULL when that row's value is NULL. `order` must
   * be total (no ties it leaves unsettled) over non-NULL keys, or say `nulls first` / `nulls last`:
   * the backends put NULLs at opposite ends and settle ties differently.
   */
  firstBy(value: RawBuilder<unknown>, order: RawBuilder<unknown>): RawBuilder<unknown>;
  /**
   * The sum of a column of non-negative decimals of at most six places (`exactDecimalPlaces`,
   * fractional share quantities), exact as decimal arithmetic is: 0.1 + 0.2 is 0.3. An aggregate,
   * NULL over no rows, like `sum`. PostgreSQL adds numeric exactly; SQLite, which keeps such a
   * value as a double, adds the whole parts and the millionths as integers and reads the total
   * back from its decimal text. Whole numbers sum to the same integer as `sum`.
   */
  exactSum(expression: RawBuilder<unknown>): RawBuilder<unknown>;
  /**
   * Statements that make a NOT NULL integer column hold such decimals exactly, declared numeric
   * (as tools reading declared types, a Parquet export, then see): PostgreSQL changes its type in
   * place; SQLite replaces it by a numeric column of the same name, last in the table. Views that
   * read the table must be dropped before and created again after; the column may not be in a key
   * or an index.
   */
  holdDecimals(table: string, column: string): readonly RawBuilder<unknown>[];
  /**
   * `table` stored in key order in its primary key's b-tree where the backend can (SQLite's
   * `without rowid`), instead of a table plus a key index; unchanged elsewhere.
   */
  withoutRowid<Name extends string, Columns extends string>(
    table: CreateTableBuilder<Name, Columns>,
  ): CreateTableBuilder<Name, Columns>;
  /** Adds `column` as an auto-incrementing integer primary key. */
  addIdentityColumn<Name extends string, Columns extends string>(
    table: CreateTableBuilder<Name, Columns>,
    column: string,
  ): CreateTableBuilder<Name, Columns | string>;
  /**
   * True when a view's `select *` is expanded to the columns of the moment the view is created
   * (PostgreSQL), so a view must be redefined to show columns added to its table later; false when
   * it is expanded on every read (SQLite).
   */
  readonly viewsFreezeColumns: boolean;
  /**
   * True when `alter table ... drop constraint` works (PostgreSQL); false when a table must be
   * created anew and refilled to lose a constraint (SQLite).
   */
  readonly canDropConstraints: boolean;
  /**
   * The fewest rows worth one `bulkInsert` call when a loader can gather them: each call is a
   * round trip and a COPY on PostgreSQL (about 3 ms apiece, a second per 100k rows in 400-row
   * calls), while SQLite, in process, gains nothing from waiting and keeps rows young for the GC.
   */
  readonly bulkInsertRows: number;
  /**
   * True when a `bulkInsert` waits on a server that does the work while this process goes on
   * (PostgreSQL): a loader then reads ahead while the insert is in flight. False for a backend that
   * inserts in process (SQLite), where reading ahead would only keep rows alive longer.
   */
  readonly insertsWaitOnServer: boolean;
  /**
   * The form a loader keeps rows in between reading them and a later `bulkInsert` of the same
   * scope. PostgreSQL encodes them to COPY text at once: a loader holding rows read ahead while
   * a COPY is in flight otherwise keeps every value alive through several young-generation
   * collections, which then cost a third of a 1M-row ingest. SQLite, inserting at once, keeps
   * them as they are.
   */
  readonly holdRows: (rows: ReadonlyArray<readonly unknown[]>) => HeldRows;
  /**
   * Run first in every stage's transaction. A stage reads captures written since the planner's
   * statistics were last gathered (its own rows, or its input's a moment ago), so PostgreSQL,
   * whose statistics list every capture they know, estimates one row for such a capture and joins
   * thousands of rows to thousands by nested loops (13 s instead of 32 ms for a Tier 2 week's
   * snapshot). Stages join whole captures, where hash joins are right: PostgreSQL turns nested
   * loops off for the transaction (`set local`; still used where no other plan exists). Nothing
   * on SQLite, whose planner does not estimate from statistics the platform gathers.
   */
  readonly stageTransactionSettings: readonly RawBuilder<unknown>[];
  /**
   * Appended to a SELECT inside a write transaction: holds the selected rows against change by
   * others until it ends (PostgreSQL `for share`, so a concurrent update of those rows waits);
   * nothing on SQLite, whose write transactions already exclude every other writer.
   */
  readonly sharedRowLock: RawBuilder<unknown>;
  /**
   * True when a write transaction excludes every other writer (SQLite), so what it read of a table
   * still holds when it writes: a delete of every row it saw may then be a delete of the whole
   * table, which SQLite does by freeing pages rather than visiting rows. False where writers run
   * side by side (PostgreSQL: a row committed meanwhile by another writer would go too).
   */
  readonly writersExcludeEachOther: boolean;
  /**
   * True when the space of deleted rows serves the next insert at once (SQLite's free pages), so
   * releasing raw rows once normalized keeps the file small; false where deleted rows stay as dead
   * tuples until a vacuum (PostgreSQL: a year's backfill took 673 s with releases against 280 s
   * without, and the raw table did not shrink), where raw rows stay until retention archives them.
   * It also decides whether source files are kept (keepsStoredSources): only released rows need
   * their file to be rebuilt from.
   */
  readonly reusesDeletedSpaceAtOnce: boolean;
  /**
   * Statements that give the backend SQLite's built-in `json_quote(text)` and
   * `json_extract(text, '$.a.b')` (dotted paths only) where it lacks them, so views and expression
   * indexes over JSON text are one SQL text on every backend; none where they are built in.
   */
  readonly jsonFunctions: readonly RawBuilder<unknown>[];
  /**
   * The live schema as SQL in a stable order (tables, then indexes, then views, each by name), for
   * the committed dump that CI regenerates and diffs, and for comparing databases.
   */
  dumpSchema(database: SchemaSource): Promise<string>;
}
