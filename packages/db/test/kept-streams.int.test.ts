// sqld's streams kept open between requests (decision 051), against a real sqld: the same answers as a
// stream of one's own, never a stream left mid-transaction or holding stored SQL, and a stream sqld no
// longer knows costs nothing but a second try.
import { type Client, createClient } from "@libsql/client";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createDb } from "../src/index.ts";
import { keepStreams } from "../src/kept-streams.ts";
import { type SqldServer, startSqld } from "../src/testing.ts";

let server: SqldServer;
beforeAll(async () => {
  server = await startSqld();
  const setup = createClient({ url: server.url });
  await setup.batch(
    [
      "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, stock INTEGER NOT NULL CHECK (stock >= 0))",
      "INSERT INTO items (id, name, stock) VALUES (1, 'jam', 5), (2, 'bread', 1)",
    ],
    "write",
  );
  setup.close();
});
afterAll(async () => server?.stop());

/** Every pipeline request the client sent and what came back, as sqld saw it through our fetch. */
function recordingFetch(change?: (body: { baton?: string | null }) => void) {
  const sent: { baton: string | null; types: string[]; encoding: string | null }[] = [];
  const fetchThrough: typeof fetch = async (input, init) => {
    const body = typeof init?.body === "string" ? JSON.parse(init.body) : undefined;
    if (body && change) {
      change(body);
      init = { ...init, body: JSON.stringify(body) };
    }
    const response = await fetch(input, init);
    if (body) {
      sent.push({
        baton: body.baton ?? null,
        types: body.requests.map((request: { type: string }) => request.type),
        encoding: response.headers.get("content-encoding"),
      });
    }
    return response;
  };
  return { sent, fetchThrough };
}

let clients: Client[] = [];
afterEach(() => {
  for (const client of clients) client.close();
  clients = [];
});

function clientWith(streams: ReturnType<typeof keepStreams>): Client {
  const client = createClient({ url: server.url, fetch: streams.fetch, intMode: "number" });
  clients.push(client);
  return client;
}

describe("kept streams", () => {
  it("answers as a stream of one's own would, on one stream kept open, uncompressed", async () => {
    const { sent, fetchThrough } = recordingFetch();
    const streams = keepStreams({ fetch: fetchThrough });
    const client = clientWith(streams);

    for (let i = 0; i < 5; i++) {
      const result = await client.execute({ sql: "SELECT name, stock FROM items WHERE id = ?", args: [1] });
      expect(result.columns).toEqual(["name", "stock"]);
      expect(result.rows.map((row) => ({ ...row }))).toEqual([{ name: "jam", stock: 5 }]);
    }
    const [written] = await client.batch(
      [{ sql: "UPDATE items SET stock = stock - 1 WHERE id = ?", args: [1] }],
      "write",
    );
    expect(written?.rowsAffected).toBe(1);
    expect((await client.execute("SELECT stock FROM items WHERE id = 1")).rows[0]?.stock).toBe(4);

    expect(streams.counts()).toEqual({ opened: 1, reused: 6, own: 0, kept: 1 });
    // The first request opened the stream; every later one came with its baton and none asked to close it.
    expect(sent[0]?.baton).toBeNull();
    expect(sent.slice(1).every((request) => request.baton !== null)).toBe(true);
    expect(sent.flatMap((request) => request.types)).not.toContain("close");
    expect(sent.every((request) => request.encoding === null)).toBe(true);
  });

  it("closes a stream whose batch failed, and the failed batch wrote nothing", async () => {
    const { sent, fetchThrough } = recordingFetch();
    const streams = keepStreams({ fetch: fetchThrough });
    const client = clientWith(streams);
    await client.execute("SELECT 1");

    // Bread has 1: taking 2 trips the CHECK after the jam's update ran, so the batch rolls back whole.
    await expect(
      client.batch(
        [
          { sql: "UPDATE items SET stock = stock - 1 WHERE id = ?", args: [1] },
          { sql: "UPDATE items SET stock = stock - 2 WHERE id = ?", args: [2] },
        ],
        "write",
      ),
    ).rejects.toThrow(/CHECK constraint failed/);
    expect(streams.counts().kept).toBe(0);
    // Closed without waiting for the answer.
    await vi.waitFor(() => expect(sent.at(-1)?.types).toEqual(["close"]));

    const stock = await client.execute("SELECT id, stock FROM items ORDER BY id");
    expect(stock.rows.map((row) => [row.id, row.stock])).toEqual([
      [1, 4],
      [2, 1],
    ]);
    // A new stream, outside any transaction: a write of its own commits.
    await client.batch(["UPDATE items SET stock = stock + 1 WHERE id = 2"], "write");
    expect((await client.execute("SELECT stock FROM items WHERE id = 2")).rows[0]?.stock).toBe(2);
  });

  it("sends SQL it stored for a batch again on the kept stream without a clash of ids", async () => {
    const streams = keepStreams();
    const client = clientWith(streams);
    // The client stores a statement that comes twice in a batch (store_sql) and refers to it by id.
    const twice = (id: number) => [
      { sql: "SELECT stock FROM items WHERE id = ?", args: [id] },
      { sql: "SELECT stock FROM items WHERE id = ?", args: [id] },
    ];
    for (let round = 0; round < 3; round++) {
      const results = await client.batch(twice(1), "read");
      expect(results.map((result) => result.rows[0]?.stock)).toEqual([4, 4]);
    }
    expect(streams.counts()).toMatchObject({ opened: 1, reused: 2 });
  });

  it("leaves interactive transactions and PRAGMAs as the client sent them", async () => {
    const { sent, fetchThrough } = recordingFetch();
    const streams = keepStreams({ fetch: fetchThrough });
    const client = clientWith(streams);

    const transaction = await client.transaction("write");
    await transaction.execute("UPDATE items SET stock = stock + 1 WHERE id = 1");
    await transaction.rollback();
    await client.execute("PRAGMA foreign_keys");
    // Hidden behind comments or semicolons, a BEGIN is still seen and goes on a stream of its own, closed
    // with it: kept, it would have left the next requests inside a transaction nobody commits.
    await client.execute("-- open one\n/* and keep it */ ;BEGIN");
    await client.execute("UPDATE items SET stock = stock + 1 WHERE id = 1");
    const other = createClient({ url: server.url, intMode: "number" });
    clients.push(other);
    expect((await other.execute("SELECT stock FROM items WHERE id = 1")).rows[0]?.stock).toBe(5);
    await client.execute("UPDATE items SET stock = stock - 1 WHERE id = 1");
    expect(streams.counts()).toMatchObject({ opened: 1, reused: 1 });
    // The transaction's two requests (BEGIN with its UPDATE, then ROLLBACK with the close), the PRAGMA, the BEGIN.
    expect(streams.counts().own).toBe(4);
    expect(sent.flatMap((request) => request.types)).toContain("close");
    expect((await client.execute("SELECT stock FROM items WHERE id = 1")).rows[0]?.stock).toBe(4);
  });

  it("opens a new stream when the kept one is idle too long or sqld no longer knows it", async () => {
    let clock = 0;
    let forget = false;
    const { fetchThrough } = recordingFetch((body) => {
      // What sqld answers for a stream it dropped: a baton it does not know, refused before anything ran.
      if (forget && body.baton) body.baton = "forgotten";
    });
    const streams = keepStreams({ fetch: fetchThrough, idleMs: 1000, now: () => clock });
    const client = clientWith(streams);

    await client.execute("SELECT 1");
    clock += 1000;
    await client.execute("SELECT 1");
    expect(streams.counts()).toMatchObject({ opened: 2, reused: 0, kept: 1 });

    forget = true;
    await client.batch(["UPDATE items SET stock = stock + 1 WHERE id = 1"], "write");
    forget = false;
    // Refused on the kept stream, written once on a new one.
    expect(streams.counts()).toMatchObject({ opened: 3, reused: 0, kept: 1 });
    expect((await client.execute("SELECT stock FROM items WHERE id = 1")).rows[0]?.stock).toBe(5);
  });

  it("sends a request again only when sqld refused the kept stream itself, never on another 4xx", async () => {
    let refuse = false;
    // A proxy in front of sqld answering 400 for its own reasons: sqld may have run the request.
    const proxy: typeof fetch = async (input, init) => {
      if (refuse) return new Response("bad request", { status: 400, headers: { "content-type": "text/plain" } });
      return fetch(input, init);
    };
    const streams = keepStreams({ fetch: proxy });
    const client = clientWith(streams);
    await client.execute("SELECT 1");
    refuse = true;
    await expect(client.execute("SELECT 1")).rejects.toThrow(/bad request|400/);
    refuse = false;
    expect(streams.counts()).toMatchObject({ opened: 1, reused: 0 });
  });

  it("opens a new stream when sqld has expired the kept one (idle past its 10 s)", async () => {
    const streams = keepStreams({ idleMs: 60_000 });
    const client = clientWith(streams);
    await client.execute("SELECT 1");
    await new Promise((resolve) => setTimeout(resolve, 11_000));
    expect((await client.execute("SELECT 2 AS two")).rows[0]?.two).toBe(2);
    expect(streams.counts()).toMatchObject({ opened: 2, reused: 0, kept: 1 });
  }, 20_000);

  it("keeps at most maxKept streams under concurrent requests, each answered right", async () => {
    const streams = keepStreams({ maxKept: 3 });
    const client = clientWith(streams);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => client.execute({ sql: "SELECT ? AS n", args: [i] })),
    );
    expect(answers.map((answer) => answer.rows[0]?.n)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(streams.counts().kept).toBeLessThanOrEqual(3);
    await Promise.all(Array.from({ length: 20 }, () => client.execute("SELECT 1")));
    expect(streams.counts().reused).toBeGreaterThan(0);
  });

  it("is what createDb uses for sqld over HTTP, counted for /metrics", async () => {
    const database = await createDb(server.url);
    try {
      await database.client.execute("SELECT 1");
      await database.client.execute("SELECT 2");
      expect(database.streams?.()).toMatchObject({ opened: 1, reused: 2 });
    } finally {
      database.close();
    }
  });
});
