// The in-memory pod directory (decision 040): read whole once, then only changes, at most once per
// interval; with no pods configured it never reads at all.
import { HOME_POD, podDirectory } from "@stall/db";
import { createShop, createTestDb, type TestDatabase } from "@stall/db/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openPods } from "../src/pods/open-pods.ts";
import { createPods } from "../src/pods/pods.ts";

let home: TestDatabase;
let pod2: TestDatabase;

beforeAll(async () => {
  [home, pod2] = await Promise.all([createTestDb(), createTestDb()]);
});
afterAll(() => {
  home?.cleanup();
  pod2?.cleanup();
});

it("without other pods every shop is on home and the directory is never read", async () => {
  const closed = await createTestDb();
  closed.cleanup();
  // A closed database fails any read: answering at all proves nothing was read.
  const pods = createPods(closed, [], { refreshMs: () => 0, now: () => 0 });
  expect(await pods.dbFor("shop_anything")).toBe(closed.db);
  expect(pods.placement("shop_anything")).toEqual({ pod: HOME_POD, movingTo: null });
  const row = { id: "shop_anything", version: 7 };
  expect(await pods.withCounters(row)).toBe(row);
});

it("sees a move once its interval is up, and only reads changes after that", async () => {
  let now = 1_000;
  const pods = createPods(home, [{ name: "pod2", database: pod2 }], { refreshMs: () => 1000, now: () => now });
  const shop = await createShop(home.db);
  const other = await createShop(home.db);
  expect(await pods.dbFor(shop.id)).toBe(home.db);

  await podDirectory(home.db).beginMove(shop.id, HOME_POD, "pod2", now);
  // Within the interval the process still holds what it read.
  now += 999;
  expect(pods.placement(shop.id).movingTo).toBeNull();
  now += 1;
  await pods.ensureFresh();
  expect(pods.placement(shop.id)).toEqual({ pod: HOME_POD, movingTo: "pod2" });
  expect(await pods.dbFor(shop.id)).toBe(home.db);

  await home.db.batch([podDirectory(home.db).finishMoveStatement(shop.id, "pod2", now)]);
  now += 1000;
  expect(await pods.dbFor(shop.id)).toBe(pod2.db);
  expect(await pods.dbFor(other.id)).toBe(home.db);
  expect(pods.figures()).toEqual({ placed: 1, moving: 0 });

  // A second process starting now reads the whole directory.
  const later = createPods(home, [{ name: "pod2", database: pod2 }], { refreshMs: () => 1000, now: () => now });
  expect(await later.dbFor(shop.id)).toBe(pod2.db);
  // Concurrent lookups share one read.
  now += 1000;
  const answers = await Promise.all([pods.dbFor(shop.id), pods.dbFor(other.id), pods.dbFor(shop.id)]);
  expect(answers).toEqual([pod2.db, home.db, pod2.db]);
});

it("refuses to send a shop to a pod this process does not know", async () => {
  const pods = createPods(home, [], { refreshMs: () => 0, now: () => 0 });
  const shop = await createShop(home.db);
  await podDirectory(home.db).beginMove(shop.id, HOME_POD, "pod9", 0);
  await home.db.batch([podDirectory(home.db).finishMoveStatement(shop.id, "pod9", 0)]);
  const withPod = createPods(home, [{ name: "pod2", database: pod2 }], { refreshMs: () => 0, now: () => 0 });
  await expect(withPod.dbFor(shop.id)).rejects.toThrow(/"pod9", which DATABASE_PODS does not name/);
  // Without pods the directory is not read per request: a process started so is refused at boot.
  expect(await pods.dbFor(shop.id)).toBe(home.db);
  await expect(
    openPods({ DATABASE_PODS: [], DATABASE_MAX_WRITERS: 8, HOST_DIRECTORY_REFRESH_MS: 1000 }, home),
  ).rejects.toThrow(/DATABASE_PODS: shops are placed on "pod2", "pod9", which it does not name/);
});
