import { describe, expect, it } from "vitest";
import { isDatabaseBusy, isDatabaseUnreachable } from "./errors.ts";

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

describe("isDatabaseUnreachable", () => {
  const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:8080"), { code: "ECONNREFUSED" });
  it.each([
    ["the HTTP client's error (sqld down)", new TypeError("fetch failed", { cause: refused })],
    [
      "drizzle's wrapper around it",
      new Error("Failed query: insert into orders …", { cause: new TypeError("fetch failed", { cause: refused }) }),
    ],
  ])("recognises %s", (_, error) => {
    expect(isDatabaseUnreachable(error)).toBe(true);
  });

  it.each([
    ["a refused connection that is not the database client's fetch", refused],
    ["a fetch that failed another way", new TypeError("fetch failed", { cause: new Error("bad certificate") })],
    ["a busy database", sqliteError("SQLITE_BUSY: database is locked", "SQLITE_BUSY")],
  ])("does not mistake %s", (_, error) => {
    expect(isDatabaseUnreachable(error)).toBe(false);
  });
});
