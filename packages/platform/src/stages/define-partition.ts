import { SpineError } from "../errors/spine-error.js";

/** A partition key as a domain writes it: one string or number per field. */
type PartitionValues = Readonly<Record<string, string | number>>;

/**
 * How a domain's partitions follow each other: partitions equal in every other field form a
 * series, ordered by `field`, whose values sort as text (ISO dates, zero-padded numbers).
 */
export interface PartitionOrder<Field extends string> {
  readonly field: Field;
  /** The value `steps` positions after `value` in a series (before it when `steps` is negative). */
  readonly advance: (value: string, steps: number) => string;
}

/** What {@link definePartition} takes. */
export interface PartitionInput<Field extends string> {
  /** The key's fields, in the order they are shown (tables, progress and messages). */
  readonly fields: readonly Field[];
  readonly order: PartitionOrder<Field>;
  /** What one partition is called in messages, e.g. `tier-week` (plural: with an `s`). */
  readonly noun: string;
}

/** A domain's partition: its fields, their order and what windows of partitions are. */
export interface PartitionDefinition<Field extends string = string> extends PartitionInput<Field> {
  /** The series a key belongs to: every field but the order field, as one comparable text. */
  seriesOf(key: PartitionValues): string;
  /** The key's values in field order, joined by spaces (`OTC 2025-10-10`). */
  describe(key: PartitionValues): string;
  /** The key's fields only, in declaration order. */
  keyOf(values: PartitionValues): Record<Field, string | number>;
  /**
   * True when `later` comes after `earlier` in the same series, at most `steps - 1` positions on:
   * a window of `steps` partitions ending at `later` then reads `earlier`.
   */
  isWithinWindowAfter(earlier: PartitionValues, later: PartitionValues, steps: number): boolean;
}

/** Declares a domain's partition (a leaf: it imports nothing of the domain). */
export function definePartition<const Field extends string>(
  input: PartitionInput<Field>,
): PartitionDefinition<Field> {
  if (!input.fields.includes(input.order.field))
    throw new SpineError("INTERNAL", `Partition order field ${input.order.field} is not one of its fields.`);
  const seriesFields = input.fields.filter((field) => field !== input.order.field);
  const seriesOf = (key: PartitionValues) => JSON.stringify(seriesFields.map((field) => key[field] ?? null));
  const orderOf = (key: PartitionValues) => String(key[input.order.field]);
  return Object.freeze({
    ...input,
    seriesOf,
    describe: (key: PartitionValues) => input.fields.map((field) => String(key[field])).join(" "),
    keyOf: (values: PartitionValues) =>
      Object.fromEntries(input.fields.map((field) => [field, values[field]])) as Record<
        Field,
        string | number
      >,
    isWithinWindowAfter: (earlier: PartitionValues, later: PartitionValues, steps: number) => {
      if (seriesOf(earlier) !== seriesOf(later)) return false;
      const start = orderOf(earlier);
      const value = orderOf(later);
      return value > start && value <= input.order.advance(start, steps - 1);
    },
  });
}
