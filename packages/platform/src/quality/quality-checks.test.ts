import { describe, expect, it } from "vitest";
import { checkRowsAccounted, checkVolumeReconciles } from "./quality-checks.js";

describe("unit", () => {
  describe("checkVolumeReconciles", () => {
    it("fails with the largest difference", () => {
      expect(checkVolumeReconciles(100, 100, 97)).toMatchObject({ status: "fail", actual: 3, expected: 0 });
    });

    it("passes when all three agree", () => {
      expect(checkVolumeReconciles(2000, 2000, 2000).status).toBe("pass");
    });
  });

  describe("checkRowsAccounted", () => {
    it("fails when rows go missing", () => {
      expect(checkRowsAccounted({ read: 10, accepted: 7, rejected: 2 })).toMatchObject({
        status: "fail",
        actual: 9,
        expected: 10,
      });
    });

    it("passes when read = accepted + rejected", () => {
      expect(checkRowsAccounted({ read: 10, accepted: 8, rejected: 2 }).status).toBe("pass");
    });
  });
});
