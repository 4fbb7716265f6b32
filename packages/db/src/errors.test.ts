import { describe, expect, it } from "vitest";
import { isDatabaseBusy } from "./errors.ts";

const sqliteError = (message: string, code: string) => Object.assign(new Error(message), { code });

describe("isDatabaseBusy", () => {
  it.each([
    ["the client's own error", sqliteError("SQLITE_BUSY: database is locked", "SQLITE_BUSY")],
    ["a locked table", sqliteError("SQLITE_LOCKED: database table is locked", "SQLITE_LOCKED")],
    ["an extended code", sqliteError("busy snapshot", "SQLITE_BUSY_SNAPSHOT")],
    [
      "drizzle's wrapper around it",
      new Error("Failed query: insert into users …", { cause: sqliteError("database is locked", "SQLITE_BUSY") }),
    ],
    ["a message only", new Error("SQLITE_BUSY: cannot commit transaction")],
  ])("recognises %s", (_, error) => {
    expect(isDatabaseBusy(error)).toBe(true);
  });

  it.each([
    ["a unique violation", sqliteError("UNIQUE constraint failed: users.email", "SQLITE_CONSTRAINT")],
    ["a plain error", new Error("boom")],
    ["not an error", "SQLITE_BUSY"],
  ])("does not mistake %s", (_, error) => {
    expect(isDatabaseBusy(error)).toBe(false);
  });
});
