/** Blank lines (including a lone "\r" or BOM) carry no row and are skipped, not rejected. */
export function isBlankLine(line: string): boolean {
  // Almost every line starts with a printable ASCII character: decided without a regex or a copy.
  const first = line.charCodeAt(0);
  if (first > 0x20 && first < 0x7f) return false;
  return line.replace(/^\uFEFF/, "").trim() === "";
}
