import { describe, expect, it } from "vitest";
import type { Snapshot } from "./snapshot.ts";
import { createSnapshotStore, heldSizeOf, type SnapshotAnswer, type SnapshotSource } from "./snapshot-store.ts";

const snapshotOf = (version: number, name = "Shop") => ({ version, shop: { name } }) as unknown as Snapshot;

/** A fake API: answers from `shops` by host, honouring If-None-Match, and records every call. */
function fakeApi(shops: Record<string, Snapshot>) {
  const calls: { host: string; ifNoneMatch?: string; preview?: string }[] = [];
  let isDown = false;
  let release: (() => void) | undefined;
  let gate: Promise<void> | undefined;
  const source: SnapshotSource = async (host, options) => {
    calls.push({ host, ...options });
    if (gate) await gate;
    if (isDown) throw new Error("connect ECONNREFUSED");
    const key = options.preview ? `${host}#${options.preview}` : host;
    const snapshot = shops[key];
    if (!snapshot) return { status: 404 };
    const etag = `"v${snapshot.version}"`;
    if (options.ifNoneMatch === etag) return { status: 304 };
    return { status: 200, etag, snapshot } satisfies SnapshotAnswer;
  };
  return {
    source,
    calls,
    setDown: (down: boolean) => {
      isDown = down;
    },
    hold: () => {
      gate = new Promise((resolve) => {
        release = resolve;
      });
    },
    release: () => {
      gate = undefined;
      release?.();
    },
  };
}

/** Lets the promises already resolved run their callbacks (a check answered by the fake API). */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

function clock() {
  let time = 1_000_000;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

/** A store checked after a second, with a half-second window, over a fake API and clock; lookups recorded. */
function storeWithWindow(shops: Record<string, Snapshot>) {
  const api = fakeApi(shops);
  const time = clock();
  const lookups: string[] = [];
  const store = createSnapshotStore({
    source: api.source,
    now: time.now,
    revalidateAfterMs: 1000,
    staleWhileRevalidateMs: 500,
    onLookup: (result) => lookups.push(result),
  });
  return { api, time, lookups, store };
}

describe("createSnapshotStore", () => {
  it("asks the API once, then serves from memory for a second", async () => {
    const api = fakeApi({ "a.localhost": snapshotOf(1) });
    const time = clock();
    const store = createSnapshotStore({ source: api.source, now: time.now });
    expect(await store.get("a.localhost")).toEqual({ kind: "found", snapshot: snapshotOf(1) });
    time.advance(999);
    await store.get("a.localhost");
    expect(api.calls).toHaveLength(1);
  });

  it("revalidates with If-None-Match after a second and keeps the snapshot on 304", async () => {
    const api = fakeApi({ "a.localhost": snapshotOf(1) });
    const time = clock();
    const store = createSnapshotStore({ source: api.source, now: time.now });
    const first = await store.get("a.localhost");
    time.advance(1000);
    const second = await store.get("a.localhost");
    expect(api.calls.map((call) => call.ifNoneMatch)).toEqual([undefined, '"v1"']);
    expect(second).toBe(first);
  });

  it("picks up a new version at the next check: the held one answers while the API is asked", async () => {
    const shops = { "a.localhost": snapshotOf(1, "Old") };
    const api = fakeApi(shops);
    const time = clock();
    const store = createSnapshotStore({ source: api.source, now: time.now });
    await store.get("a.localhost");
    shops["a.localhost"] = snapshotOf(2, "New");
    expect(await store.get("a.localhost")).toMatchObject({ snapshot: { version: 1 } });
    time.advance(1000);
    expect(await store.get("a.localhost")).toMatchObject({ snapshot: { version: 1 } });
    await settled();
    expect(await store.get("a.localhost")).toMatchObject({ snapshot: { version: 2, shop: { name: "New" } } });
    expect(api.calls).toHaveLength(2);
  });

  it("answers at once while a check runs in the background, however long the API takes", async () => {
    const { api, time, lookups, store } = storeWithWindow({ "a.localhost": snapshotOf(1) });
    await store.get("a.localhost");
    time.advance(1499);
    api.hold();
    // The API does not answer, yet every request has the held snapshot, and only one check is made.
    expect(await store.get("a.localhost")).toMatchObject({ snapshot: { version: 1 } });
    expect(store.peek("a.localhost")).toMatchObject({ snapshot: { version: 1 } });
    time.advance(2000);
    expect(await store.get("a.localhost")).toMatchObject({ snapshot: { version: 1 } });
    expect(store.peek("a.localhost")).toMatchObject({ snapshot: { version: 1 } });
    expect(api.calls).toHaveLength(2);
    api.release();
    await settled();
    expect(store.peek("a.localhost")).toMatchObject({ snapshot: { version: 1 } });
    // One result per lookup: the background check's own outcome is not counted again.
    expect(lookups).toEqual(["fetched", "refreshing", "refreshing"]);
  });

  it("makes a request wait for the API past the window, and those that come meanwhile share the check", async () => {
    const shops = { "a.localhost": snapshotOf(1) };
    const { api, time, lookups, store } = storeWithWindow(shops);
    await store.get("a.localhost");
    shops["a.localhost"] = snapshotOf(2);
    time.advance(1500);
    api.hold();
    const answers: number[] = [];
    const first = store.get("a.localhost").then((lookup) => answers.push(lookup.kind === "found" ? 1 : 0));
    const second = store.get("a.localhost").then((lookup) => answers.push(lookup.kind === "found" ? 2 : 0));
    expect(store.peek("a.localhost")).toBeUndefined();
    await settled();
    expect(answers).toEqual([]);
    api.release();
    await Promise.all([first, second]);
    expect(answers).toEqual([1, 2]);
    expect(await store.get("a.localhost")).toMatchObject({ snapshot: { version: 2 } });
    expect(api.calls).toHaveLength(2);
    expect(lookups).toEqual(["fetched", "shared", "fetched", "hit"]);
  });

  it("keeps answering the held snapshot when a check in the background fails", async () => {
    const shops = { "a.localhost": snapshotOf(1) };
    const api = fakeApi(shops);
    const time = clock();
    const stale: string[] = [];
    let isBroken = false;
    const store = createSnapshotStore({
      source: api.source,
      now: time.now,
      onStale: (host) => stale.push(host),
      prepare: (snapshot) => {
        if (isBroken) throw new Error("cannot prepare");
        return snapshot;
      },
    });
    await store.get("a.localhost");
    // The API down: the held snapshot is served and the failure reported, then not asked again at once.
    api.setDown(true);
    time.advance(1000);
    expect(await store.get("a.localhost")).toMatchObject({ snapshot: { version: 1 } });
    await settled();
    expect(stale).toEqual(["a.localhost"]);
    expect(await store.get("a.localhost")).toMatchObject({ snapshot: { version: 1 } });
    expect(api.calls).toHaveLength(2);
    // A new version that cannot be prepared: the held one still answers, and the failure is reported.
    api.setDown(false);
    isBroken = true;
    shops["a.localhost"] = snapshotOf(2);
    time.advance(1000);
    expect(await store.get("a.localhost")).toMatchObject({ snapshot: { version: 1 } });
    await settled();
    expect(stale).toEqual(["a.localhost", "a.localhost"]);
    expect(await store.get("a.localhost")).toMatchObject({ snapshot: { version: 1 } });
  });

  it("shares one in-flight request among concurrent callers", async () => {
    const api = fakeApi({ "a.localhost": snapshotOf(1) });
    const store = createSnapshotStore({ source: api.source, now: clock().now });
    api.hold();
    const waiting = Promise.all([store.get("a.localhost"), store.get("a.localhost"), store.get("a.localhost")]);
    api.release();
    const results = await waiting;
    expect(api.calls).toHaveLength(1);
    expect(new Set(results).size).toBe(1);
  });

  it("serves the last snapshot while the API is down, and says so", async () => {
    const api = fakeApi({ "a.localhost": snapshotOf(1) });
    const time = clock();
    const stale: string[] = [];
    const store = createSnapshotStore({ source: api.source, now: time.now, onStale: (host) => stale.push(host) });
    await store.get("a.localhost");
    api.setDown(true);
    time.advance(5000);
    expect(await store.get("a.localhost")).toMatchObject({ kind: "found", snapshot: { version: 1 } });
    expect(stale).toEqual(["a.localhost"]);
    // It waits the usual interval before trying again rather than asking on every request.
    await store.get("a.localhost");
    expect(api.calls).toHaveLength(2);
  });

  it("throws when the API is down and nothing is held", async () => {
    const api = fakeApi({});
    api.setDown(true);
    const store = createSnapshotStore({ source: api.source, now: clock().now });
    await expect(store.get("a.localhost")).rejects.toThrow("ECONNREFUSED");
  });

  it("remembers a missing shop for a second, then asks again", async () => {
    const shops: Record<string, Snapshot> = {};
    const api = fakeApi(shops);
    const time = clock();
    const store = createSnapshotStore({ source: api.source, now: time.now });
    expect(await store.get("new.localhost")).toEqual({ kind: "missing" });
    await store.get("new.localhost");
    expect(api.calls).toHaveLength(1);
    shops["new.localhost"] = snapshotOf(1);
    time.advance(2000);
    expect(await store.get("new.localhost")).toMatchObject({ kind: "found" });
  });

  it("keeps preview snapshots apart from the published one and per token", async () => {
    const api = fakeApi({ "draft.localhost#right": snapshotOf(3, "Draft") });
    const store = createSnapshotStore({ source: api.source, now: clock().now });
    expect(await store.get("draft.localhost")).toEqual({ kind: "missing" });
    expect(await store.get("draft.localhost", "wrong")).toEqual({ kind: "missing" });
    expect(await store.get("draft.localhost", "right")).toMatchObject({ snapshot: { shop: { name: "Draft" } } });
    expect(api.calls.map((call) => call.preview)).toEqual([undefined, "wrong", "right"]);
  });

  it("prepares each new snapshot once", async () => {
    const api = fakeApi({ "a.localhost": snapshotOf(1) });
    const time = clock();
    let prepared = 0;
    const store = createSnapshotStore({
      source: api.source,
      now: time.now,
      prepare: (snapshot) => {
        prepared += 1;
        return { ...snapshot, version: snapshot.version * 10 };
      },
    });
    expect(await store.get("a.localhost")).toMatchObject({ snapshot: { version: 10 } });
    time.advance(1000);
    await store.get("a.localhost");
    expect(prepared).toBe(1);
  });

  it("counts what it holds by the heap the prepared snapshot takes, not by the JSON the API sent", async () => {
    const api = fakeApi({ "a.localhost": snapshotOf(1, "a") });
    const words = "茶".repeat(2000);
    const prepare = (snapshot: Snapshot) => ({ ...snapshot, extra: words }) as unknown as Snapshot;
    const store = createSnapshotStore({ source: api.source, prepare });
    const found = await store.get("a.localhost");
    expect(found.kind).toBe("found");
    if (found.kind !== "found") return;
    expect(store.heldBytes).toBe(heldSizeOf(found.snapshot));
    // Two bytes a character for the Chinese text, counted twice: the snapshot and what pages build from it.
    expect(store.heldBytes).toBeGreaterThan(2 * 2 * 2000);
  });

  it("stays within its byte budget, dropping the least recently used", async () => {
    const big = (name: string) => ({ ...snapshotOf(1, name), padding: "x".repeat(4000) }) as unknown as Snapshot;
    const api = fakeApi({ "a.localhost": big("a"), "b.localhost": big("b"), "c.localhost": big("c") });
    const time = clock();
    const store = createSnapshotStore({ source: api.source, now: time.now, maxBytes: 10_000 });
    await store.get("a.localhost");
    await store.get("b.localhost");
    await store.get("c.localhost");
    expect(store.heldBytes).toBeLessThanOrEqual(10_000);
    await store.get("a.localhost");
    expect(api.calls.filter((call) => call.host === "a.localhost")).toHaveLength(2);
  });
});

describe("peek", () => {
  it("answers a held snapshot within the window without asking the API", async () => {
    let time = 0;
    const api = fakeApi({ "a.test": snapshotOf(1) });
    const store = createSnapshotStore({ source: api.source, now: () => time, revalidateAfterMs: 1000 });
    expect(store.peek("a.test")).toBeUndefined();
    expect(api.calls).toHaveLength(0);
    await store.get("a.test");
    expect(store.peek("a.test")).toEqual({ kind: "found", snapshot: snapshotOf(1) });
    time = 999;
    expect(store.peek("a.test")).toEqual({ kind: "found", snapshot: snapshotOf(1) });
    expect(api.calls).toHaveLength(1);
  });

  it("past the window, answers the held one and starts one check in the background, as get would", async () => {
    let time = 0;
    const shops = { "a.test": snapshotOf(1) };
    const api = fakeApi(shops);
    const store = createSnapshotStore({ source: api.source, now: () => time, revalidateAfterMs: 1000 });
    await store.get("a.test");
    shops["a.test"] = snapshotOf(2);
    time = 1000;
    api.hold();
    // Every request meanwhile has the held snapshot at once, and only one check is made.
    expect(store.peek("a.test")).toEqual({ kind: "found", snapshot: snapshotOf(1) });
    expect(store.peek("a.test")).toEqual({ kind: "found", snapshot: snapshotOf(1) });
    expect(await store.get("a.test")).toEqual({ kind: "found", snapshot: snapshotOf(1) });
    expect(api.calls).toHaveLength(2);
    api.release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(store.peek("a.test")).toEqual({ kind: "found", snapshot: snapshotOf(2) });
  });

  it("does not answer a snapshot held past the window and its stale time: that request waits for the API", async () => {
    let time = 0;
    const api = fakeApi({ "a.test": snapshotOf(1) });
    const store = createSnapshotStore({
      source: api.source,
      now: () => time,
      revalidateAfterMs: 1000,
      staleWhileRevalidateMs: 500,
    });
    await store.get("a.test");
    time = 1500;
    expect(store.peek("a.test")).toBeUndefined();
    expect(api.calls).toHaveLength(1);
  });

  it("does not answer a preview's snapshot", async () => {
    const api = fakeApi({ "a.test#tok": snapshotOf(1) });
    const store = createSnapshotStore({ source: api.source, now: () => 0 });
    await store.get("a.test", "tok");
    expect(store.peek("a.test")).toBeUndefined();
  });
});
