import { describe, expect, it } from "vitest";
import { resolveDatabaseTarget } from "./open-database.js";

describe("unit", () => {
  it("refuses an unknown URL scheme naming the accepted forms", () => {
    expect(() => resolveDatabaseTarget({ databasePath: "mysql://x/y" })).toThrow(
      /expected a file path, sqlite:PATH or postgres/,
    );
  });

  it("selects PostgreSQL for postgres URLs and SQLite for paths and sqlite: URLs", () => {
    expect(resolveDatabaseTarget({ databasePath: "./spine.db" })).toEqual({
      dialect: "sqlite",
      path: "./spine.db",
    });
    expect(resolveDatabaseTarget({ databasePath: "sqlite:/tmp/a.db" })).toEqual({
      dialect: "sqlite",
      path: "/tmp/a.db",
    });
    expect(resolveDatabaseTarget({ databasePath: "x", databaseUrl: "postgres://u@h/db" })).toEqual({
      dialect: "postgres",
      url: "postgres://u@h/db",
    });
  });
});
