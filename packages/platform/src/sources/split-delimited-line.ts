const BYTE_ORDER_MARK = "\uFEFF";
const QUOTE = '"';

/**
 * Splits one line RFC 4180 style: a field that starts with a quote may contain the delimiter and
 * "" as an escaped quote. A trailing "\r" is dropped so CRLF files split like LF files.
 */
export function splitDelimitedLine(line: string, delimiter: string): string[] {
  const text = stripLineEnding(line);
  // Without a quote character every field is plain, and the native split gives the same fields.
  if (!text.includes(QUOTE)) return text.split(delimiter);
  const fields: string[] = [];
  let position = 0;
  while (true) {
    const parsed = text.startsWith(QUOTE, position)
      ? readQuotedField(text, position, delimiter)
      : readPlainField(text, position, delimiter);
    fields.push(parsed.field);
    if (parsed.next > text.length) {
      return fields;
    }
    position = parsed.next;
  }
}

function stripLineEnding(line: string): string {
  const withoutBom = line.startsWith(BYTE_ORDER_MARK) ? line.slice(1) : line;
  return withoutBom.endsWith("\r") ? withoutBom.slice(0, -1) : withoutBom;
}

type FieldRead = { field: string; next: number };

// `next` points just past the delimiter; past the end of the text means this was the last field.
function readPlainField(text: string, start: number, delimiter: string): FieldRead {
  const end = text.indexOf(delimiter, start);
  if (end === -1) {
    return { field: text.slice(start), next: text.length + 1 };
  }
  return { field: text.slice(start, end), next: end + delimiter.length };
}

function readQuotedField(text: string, start: number, delimiter: string): FieldRead {
  let field = "";
  let position = start + 1;
  while (position < text.length) {
    const character = text[position];
    if (character === QUOTE && text[position + 1] === QUOTE) {
      field += QUOTE;
      position += 2;
    } else if (character === QUOTE) {
      // Anything between the closing quote and the delimiter is kept rather than lost.
      const rest = readPlainField(text, position + 1, delimiter);
      return { field: field + rest.field, next: rest.next };
    } else {
      field += character;
      position += 1;
    }
  }
  // An unterminated quote swallows the rest of the line; the field count check then flags the row.
  return { field, next: text.length + 1 };
}
