// Nearly every line of a large machine-written file is plain: no quotes, exactly the header's
// field count, no empty or padded field. For such a line the RFC 4180 split, trims and
// empty-means-absent rules all leave the fields as the native split returns them, so callers may
// store them as they are. Any line this is not sure of returns null and takes the general path.

// One pass over the line for every character the general path treats specially.
// biome-ignore lint/suspicious/noControlCharactersInRegex: a NUL is one of the characters to find.
const unsureCharacter = /["\u0000\r\uFEFF]/;

// Printable ASCII at both ends means nothing to trim; only other ends need trim() to decide.
function unpadded(field: string): boolean {
  const first = field.charCodeAt(0);
  const last = field.charCodeAt(field.length - 1);
  if (first > 0x20 && first < 0x7f && last > 0x20 && last < 0x7f) return true;
  return field.trim() === field;
}

/**
 * The fields of a plain line, or null: a line is plain when it holds no quote, NUL, byte order
 * mark or carriage return, splits into exactly `fieldCount` fields, and no field is empty or has
 * surrounding whitespace. A plain line's fields equal what {@link splitDelimitedLine} returns,
 * already trimmed and non-empty.
 */
export function plainDelimitedFields(line: string, delimiter: string, fieldCount: number): string[] | null {
  if (unsureCharacter.test(line)) return null;
  const fields = line.split(delimiter);
  if (fields.length !== fieldCount) return null;
  for (const field of fields) {
    if (field === "" || !unpadded(field)) return null;
  }
  return fields;
}
