// BigInt has no JSON form; a decimal string keeps every digit, unlike a lossy number.
function replaceUnserializable(_key: string, value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Error) return { name: value.name, message: value.message };
  return value;
}

/** Serializes one JSON document (full numeric precision) followed by a newline. */
export function formatJson(value: unknown): string {
  return `${JSON.stringify(value ?? null, replaceUnserializable, 2)}\n`;
}

/** Writes exactly one JSON document through `write`. */
export function writeJson(write: (text: string) => void, value: unknown): void {
  write(formatJson(value));
}
