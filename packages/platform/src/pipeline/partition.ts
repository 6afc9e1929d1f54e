// A leaf: the manifest, recorders and executions name partitions without importing the pipeline
// contract, which imports them.

/** A partition of a domain's data, e.g. `{ tier: "OTC", week_ending: "2025-11-14" }`. */
export type PartitionKey = Readonly<Record<string, string | number>>;
