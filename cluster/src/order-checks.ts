// What must hold after crashes, read from the database itself (one module for the cluster tests and
// bench/crash-loop.ts): every order answered 201 is stored; no order is half-written (lines, the
// placing event, the payment and both emails are all there, or the order is not); order numbers have
// no gaps; stock on hand plus units ordered is what the shop started with; SQLite's integrity check.
import { mkdirSync, watch } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { createDb } from "@stall/db";

export type OrderCheck = {
  /** Orders answered 201. */
  accepted: number;
  /** Of those, how many the database holds. */
  found: number;
  /** Up to 10 accepted order ids the database does not hold. */
  missing: string[];
  /** Every order of the shop (some were written but never answered: the process died first). */
  stored: number;
  halfWritten: {
    ordersWithoutLines: number;
    linesWithoutOrder: number;
    ordersWithoutEvent: number;
    ordersWithoutPayment: number;
    ordersWithoutEmails: number;
    /** Numbers are taken inside the order's write: a gap is a number taken without its order. */
    numberGaps: number;
  };
  stock: { initial: number; onHand: number; ordered: number };
  /** `PRAGMA integrity_check`: "ok" or SQLite's first complaints. */
  integrity: string;
  isSound: boolean;
};

const CHUNK = 400;

export async function checkOrders(
  databaseUrl: string,
  shop: { shopId: string; initialUnits: number },
  acceptedIds: string[],
): Promise<OrderCheck> {
  const database = await createDb(databaseUrl);
  try {
    const one = async (sql: string, args: (string | number)[] = [shop.shopId]) =>
      Number((await database.client.execute({ sql, args })).rows[0]?.[0] ?? 0);
    const found = new Set<string>();
    for (let start = 0; start < acceptedIds.length; start += CHUNK) {
      const ids = acceptedIds.slice(start, start + CHUNK);
      const rows = await database.client.execute({
        sql: `SELECT id FROM orders WHERE shop_id = ? AND id IN (${ids.map(() => "?").join(", ")})`,
        args: [shop.shopId, ...ids],
      });
      for (const row of rows.rows) found.add(String(row[0]));
    }
    const unanswered = (table: string) =>
      one(`SELECT count(*) FROM orders o WHERE o.shop_id = ? AND NOT EXISTS
             (SELECT 1 FROM ${table} x WHERE x.shop_id = o.shop_id AND x.order_id = o.id)`);
    const halfWritten = {
      ordersWithoutLines: await unanswered("order_lines"),
      linesWithoutOrder: await one(`SELECT count(*) FROM order_lines l WHERE l.shop_id = ? AND NOT EXISTS
             (SELECT 1 FROM orders o WHERE o.shop_id = l.shop_id AND o.id = l.order_id)`),
      ordersWithoutEvent: await unanswered("order_events"),
      ordersWithoutPayment: await unanswered("payments"),
      ordersWithoutEmails: await one(`SELECT count(*) FROM orders o WHERE o.shop_id = ? AND
             (SELECT count(*) FROM notifications n WHERE n.dedupe_key LIKE 'order:' || o.id || ':%') < 2`),
      numberGaps: await one(
        "SELECT coalesce(max(number) - min(number) + 1, 0) - count(*) FROM orders WHERE shop_id = ?",
      ),
    };
    const stock = {
      initial: shop.initialUnits,
      onHand: await one("SELECT coalesce(sum(stock), 0) FROM product_variants WHERE shop_id = ?"),
      ordered: await one("SELECT coalesce(sum(quantity), 0) FROM order_lines WHERE shop_id = ?"),
    };
    const integrity = (await database.client.execute("PRAGMA integrity_check")).rows
      .map((row) => String(row[0]))
      .join("; ");
    const stored = await one("SELECT count(*) FROM orders WHERE shop_id = ?");
    return {
      accepted: acceptedIds.length,
      found: found.size,
      missing: acceptedIds.filter((id) => !found.has(id)).slice(0, 10),
      stored,
      halfWritten,
      stock,
      integrity,
      isSound:
        found.size === acceptedIds.length &&
        Object.values(halfWritten).every((count) => count === 0) &&
        stock.onHand + stock.ordered === stock.initial &&
        integrity === "ok",
    };
  } finally {
    database.close();
  }
}

/** One row for a printed table. */
export function orderCheckRow(check: OrderCheck): Record<string, string | number> {
  const halfWritten = Object.values(check.halfWritten).reduce((sum, count) => sum + count, 0);
  return {
    "201s": check.accepted,
    "201s found": check.found,
    "orders stored": check.stored,
    "half-written": halfWritten,
    "stock + ordered": `${check.stock.onHand} + ${check.stock.ordered} = ${check.stock.onHand + check.stock.ordered} (of ${check.stock.initial})`,
    integrity: check.integrity,
    sound: check.isSound ? "yes" : "NO",
  };
}

export type DeliveryCheck = {
  /** Notifications queued for the orders (the buyer's and the owner's). */
  queued: number;
  /** Of those, recorded as sent. */
  sent: number;
  /** Rows claimed more than once (attempts above 1): a second worker took a row over. */
  claimedTwice: number;
  /** Notifications by how often their mail file was written: never, exactly once, or more (delivered twice). */
  files: { none: number; once: number; twice: number };
};

/**
 * Counts the mail files written into `mailDir` from now on, by name: the file mailer writes each email
 * to a temporary name and renames it into place, so each delivery is one rename onto `<id>.eml` even
 * when a second delivery of the same notification replaces the first file (decision 039).
 */
export function watchMailWrites(mailDir: string): { writes: Map<string, number>; close(): void } {
  mkdirSync(mailDir, { recursive: true });
  const writes = new Map<string, number>();
  const watcher = watch(mailDir, (event, name) => {
    if (event === "rename" && name?.endsWith(".eml")) writes.set(name, (writes.get(name) ?? 0) + 1);
  });
  return { writes, close: () => watcher.close() };
}

/**
 * What the outbox did for `orderIds`: the rows' state in the database, and for each row how many times
 * its `.eml` file was written (`writes`, from watchMailWrites) and whether the file is there with the
 * row's X-Stall-Notification-Id.
 */
export async function checkDeliveries(
  databaseUrl: string,
  mailDir: string,
  shopId: string,
  orderIds: string[],
  writes: Map<string, number>,
): Promise<DeliveryCheck> {
  const idsInFiles = new Set<string>();
  const names = (await readdir(mailDir).catch(() => [] as string[])).filter((name) => name.endsWith(".eml"));
  for (const name of names) {
    const id = /^X-Stall-Notification-Id: (\S+)/im.exec(await readFile(join(mailDir, name), "utf8"))?.[1];
    if (id) idsInFiles.add(id);
  }
  const database = await createDb(databaseUrl);
  try {
    const wanted = new Set(orderIds);
    const result = await database.client.execute({
      sql: "SELECT id, status, attempts, dedupe_key FROM notifications WHERE shop_id = ? AND dedupe_key LIKE 'order:%'",
      args: [shopId],
    });
    const rows = result.rows
      .filter((row) => wanted.has(String(row[3]).split(":")[1] ?? ""))
      .map((row) => ({ id: String(row[0]), status: String(row[1]), attempts: Number(row[2]) }));
    const files = { none: 0, once: 0, twice: 0 };
    for (const row of rows) {
      const count = idsInFiles.has(row.id) ? Math.max(1, writes.get(`${row.id}.eml`) ?? 0) : 0;
      if (count === 0) files.none++;
      else if (count === 1) files.once++;
      else files.twice++;
    }
    return {
      queued: rows.length,
      sent: rows.filter((row) => row.status === "sent").length,
      claimedTwice: rows.filter((row) => row.attempts > 1).length,
      files,
    };
  } finally {
    database.close();
  }
}
