import { describe, expect, it } from "vitest";
import { checkActivityConsistent, checkNotInFuture, checkRowCountDrop } from "./research-checks.js";

describe("unit", () => {
  it("fails a week or a publication date after today, naming it", () => {
    expect(
      checkNotInFuture(
        { label: "week", partitionDate: "2025-11-14", publicationDate: "2025-12-15" },
        "2026-01-01",
      ).status,
    ).toBe("pass");
    const future = checkNotInFuture(
      { label: "week", partitionDate: "2026-03-06", publicationDate: "2026-04-06" },
      "2026-01-01",
    );
    expect(future.status).toBe("fail");
    expect(future.message).toBe("week 2026-03-06 and publication date 2026-04-06 after today 2026-01-01");
    expect(
      checkNotInFuture(
        { label: "week", partitionDate: "2025-11-14", publicationDate: "2026-01-02" },
        "2026-01-01",
      ).message,
    ).toContain("publication date 2026-01-02");
  });

  it("warns about rows whose shares and trades contradict each other", () => {
    expect(checkActivityConsistent({ sharesWithoutTrades: 0, tradesWithoutShares: 0 }).status).toBe("pass");
    const found = checkActivityConsistent({ sharesWithoutTrades: 2, tradesWithoutShares: 1 });
    expect(found.status).toBe("warn");
    expect(found.message).toContain("2 rows with shares > 0 and trades = 0; 1 with trades > 0");
  });

  it("warns when a week's rows drop below half of the previous weeks' average", () => {
    expect(checkRowCountDrop(60, [100, 120, 140, 120]).status).toBe("pass");
    expect(checkRowCountDrop(59, [100, 120, 140, 120])).toMatchObject({ status: "warn", expected: 120 });
    expect(checkRowCountDrop(0, [100]).status).toBe("fail");
    expect(checkRowCountDrop(5, []).status).toBe("pass");
  });
});
