import { describe, expect, it } from "vitest";
import { redactDatabaseUrl } from "./redact-url.js";

describe("unit", () => {
  describe("redactDatabaseUrl", () => {
    it("hides the password and keeps the rest", () => {
      expect(redactDatabaseUrl("postgres://spine:s3cret@db:5432/spine?sslmode=require")).toBe(
        "postgres://spine:***@db:5432/spine?sslmode=require",
      );
    });

    it("leaves URLs without a password and plain paths alone", () => {
      expect(redactDatabaseUrl("postgres://spine@db/spine")).toBe("postgres://spine@db/spine");
      expect(redactDatabaseUrl("./spine.db")).toBe("./spine.db");
    });
  });
});
