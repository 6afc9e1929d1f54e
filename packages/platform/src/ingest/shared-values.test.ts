import { describe, expect, it } from "vitest";
import { isSpineError } from "../errors/spine-error.js";
import { createSharedValues } from "./shared-values.js";

const rowColumns = ["capture_id", "line_number", "symbol", "issue_name", "mpid", "participant_name"];
const issueNames = { table: "issue_names", keyColumn: "symbol", valueColumn: "issue_name" };
const participantNames = { table: "participant_names", keyColumn: "mpid", valueColumn: "participant_name" };
const row = (
  symbol: string | null,
  issue: string | null,
  mpid: string | null,
  participant: string | null,
) => ["ingest:1", 1, symbol, issue, mpid, participant];

describe("unit", () => {
  it("keeps a key's value only when every row of the key holds that same non-NULL value, in key order", () => {
    const shared = createSharedValues([issueNames, participantNames], rowColumns);
    shared.add(row("ZZZ", "Zeta Inc.", "M1", "Market One"));
    shared.add(row("AAA", "Alpha Corp.", "M1", "Market One"));
    shared.add(row("AAA", "Alpha Corp.", "M2", "Market Two"));
    // Two spellings: neither is the name of every row.
    shared.add(row("BBB", "Beta Inc.", "M2", "Market 2"));
    shared.add(row("BBB", "Beta Inc ", "M3", "Market Three"));
    // A row without a name: the key's rows do not all carry one.
    shared.add(row("CCC", "Gamma Ltd.", "M3", null));
    shared.add(row("CCC", null, "M4", "Market Four"));
    shared.add(row("DDD", "", "M4", "Market Four"));
    // A row without a key (a line that could not be split) counts for no key.
    shared.add(row(null, "Nothing", null, "Nobody"));
    expect(shared.entries()).toEqual([
      [
        issueNames,
        [
          ["AAA", "Alpha Corp."],
          ["DDD", ""],
          ["ZZZ", "Zeta Inc."],
        ],
      ],
      [
        participantNames,
        [
          ["M1", "Market One"],
          ["M4", "Market Four"],
        ],
      ],
    ]);
  });

  it("refuses a shared column its rows do not carry, naming it", () => {
    const caught = (() => {
      try {
        createSharedValues([{ ...issueNames, valueColumn: "issue" }], rowColumns);
      } catch (error) {
        return error;
      }
      return null;
    })();
    expect(isSpineError(caught) && caught.code).toBe("INTERNAL");
    expect(String((caught as Error).message)).toMatch(/issue by symbol/);
  });
});
