const header =
  "tierDescription|issueSymbolIdentifier|issueName|marketParticipantName|MPID|totalWeeklyShareQuantity|totalWeeklyTradeCount|lastUpdateDate";

function seeded(seed: number) {
  let state = seed;
  return (below: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % below;
  };
}

/**
 * A download-layout file of 400 lines for `seed`: mostly plain lines in runs of a few tiers and
 * dates, and lines with every reason not to be plain (padding, quotes, NUL, non-ASCII and invalid
 * UTF-8, empty and extra fields, odd counts, blank lines), with LF, CRLF and lone CR endings.
 */
export function randomDownloadFile(seed: number): Buffer {
  const next = seeded(seed);
  const pieces = [" ", '"', "|", "\u0000", "\t", "é", "\uFEFF", "", "0", "007", "1,000", "x"];
  const parts: Buffer[] = [];
  const ending = () => Buffer.from(["\n", "\r\n", "\r", "\n", "\n"][next(5)] ?? "\n");
  if (next(3) === 0) parts.push(Buffer.from("\uFEFF"));
  if (next(3) === 0) parts.push(Buffer.from("\n  \n"));
  parts.push(Buffer.from(header), ending());
  const tiers = ["OTC", "OTC", "OTC", "NMS Tier 1"];
  const dates = ["2025-11-03", "2025-11-03", "2025-11-03", "2025-10-27"];
  for (let line = 0; line < 400; line += 1) {
    const fields = [
      tiers[next(tiers.length)] ?? "OTC",
      `S${next(40)}`,
      `Issue ${next(9)} Inc.`,
      `Venue ${next(5)} LLC`,
      `MP${next(7)}`,
      String(next(100000)),
      String(next(900)),
      dates[next(dates.length)] ?? "2025-11-03",
    ];
    if (next(6) === 0) fields[next(8)] = pieces[next(pieces.length)] ?? "";
    if (next(25) === 0) fields.push("extra");
    const text = next(30) === 0 ? "" : fields.join("|");
    parts.push(Buffer.from(text));
    if (next(40) === 0) parts.push(Buffer.from([0xff, 0xc3]));
    parts.push(ending());
  }
  if (next(2) === 0) parts.pop();
  return Buffer.concat(parts);
}
