// Orders placed at the same moment are written together (group commit, decision 046).
//
// Each order is one atomic batch (order-batch.ts). Written one by one, every order paid a commit of its
// own: on the embedded file an fsync of the WAL (about 0.55 ms of the ~0.85 ms the batch takes here),
// on sqld a turn of its single write lock and an HTTP round trip. The orders that reach this point in
// the same turn of the event loop (and, on sqld, while a write is on its way) go as ONE batch: one
// transaction, one commit. Each order keeps its own statements in its own order, so it numbers itself
// from the shop's counter and takes its own stock as it would alone.
//
// A batch is all or nothing, so when the shared write is refused (an order short of stock, a code used
// up, a key replayed) nothing of it was written, and each order of the group is then written again on its
// own: each gets its own answer, exactly as if it had been alone. A caller is answered only after the
// commit that holds its order.
import type { Client, InStatement, ResultSet } from "@libsql/client";
import type { Db } from "../client.ts";
import { createGroupedCall } from "../grouped-call.ts";
import { builtOnce } from "./built-once.ts";

/** Orders in one write at most; about ten statements each. */
export const MAX_ORDERS_PER_WRITE = 32;

/** How many orders went in how many writes, and how often a shared write was refused (for the tests). */
export const orderWriteFigures = { writes: 0, orders: 0, refusedTogether: 0 };

type Outcome = { results: ResultSet[] } | { error: unknown };

const outcomeOf = (write: Promise<ResultSet[]>): Promise<Outcome> =>
  write.then(
    (results) => ({ results }),
    (error: unknown) => ({ error }),
  );

/** One write for all the batches, or, if it is refused, one each. */
async function writeTogether(client: Client, batches: InStatement[][]): Promise<Outcome[]> {
  const [only] = batches;
  if (batches.length === 1 && only) return [await outcomeOf(client.batch(only, "write"))];
  try {
    const results = await client.batch(batches.flat(), "write");
    let at = 0;
    return batches.map((batch) => {
      const own = results.slice(at, at + batch.length);
      at += batch.length;
      return { results: own };
    });
  } catch {
    orderWriteFigures.refusedTogether += 1;
    return Promise.all(batches.map((batch) => outcomeOf(client.batch(batch, "write"))));
  }
}

const writerOf = builtOnce((db) =>
  createGroupedCall(
    async (batches: InStatement[][]) => {
      orderWriteFigures.writes += 1;
      orderWriteFigures.orders += batches.length;
      return writeTogether(db.$client, batches);
    },
    { gatherOneTurn: true, maxGroup: MAX_ORDERS_PER_WRITE },
  ),
);

/** Writes one order's batch, with the other orders of this moment; answers its statements' results. */
export async function writeOrder(db: Db, statements: InStatement[]): Promise<ResultSet[]> {
  const outcome = await writerOf(db)(statements);
  if ("error" in outcome) throw outcome.error;
  return outcome.results;
}
