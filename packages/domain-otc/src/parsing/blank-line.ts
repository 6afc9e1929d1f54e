/** Blank lines (including a lone "\r" or BOM) carry no row and are skipped, not rejected. */
export function isBlankLine(line: string): boolean {
  return line.replace(/^\uFEFF/, "").trim() === "";
}
