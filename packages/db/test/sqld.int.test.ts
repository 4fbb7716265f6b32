// The scale-out path: the same migrations and repository suite against a real sqld server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, migrate } from "../src/index.ts";
import { createSqldTestDb, type SqldServer, startSqld } from "../src/testing.ts";
import { defineRepositorySuite } from "./repository-suite.ts";
import { expectFullSchema } from "./schema-expectations.ts";

describe("migrations on sqld", () => {
  let server: SqldServer;
  beforeAll(async () => {
    server = await startSqld();
  });
  afterAll(async () => server?.stop());

  it("apply to an empty sqld database, twice without harm", async () => {
    const database = await createDb(server.url);
    try {
      expect(database.kind).toBe("remote");
      await migrate(database.db);
      await migrate(database.db);
      await expectFullSchema(database.client);
    } finally {
      database.close();
    }
  });
});

defineRepositorySuite("sqld", createSqldTestDb);
