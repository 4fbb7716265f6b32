// Writes made at the same moment are committed together (group commit, decisions 046 and 047).
//
// An order is one atomic batch (order-batch.ts). Written one by one, every order paid a commit of its
// own: on the embedded file an fsync of the WAL, on sqld a turn of its single write lock and an HTTP
// round trip. The batches that reach this point in the same turn of the event loop, or while a write is
// on its way (on sqld, or in the writer's thread on the embedded file), go as ONE batch: one
// transaction, one commit. Each batch keeps its statements in its own order, so an order numbers itself
// from the shop's counter and takes its own stock as it would alone. The outbox records its claims and
// deliveries the same way: on the embedded file they then never wait for the write lock on the main
// thread, where SQLite's wait is a sleep that stops every request (decision 047).
//
// A batch is all or nothing, so when the shared write is refused (an order short of stock, a code used
// up, a key replayed) nothing of it was written, and each batch of the group is then written again on its
// own: each gets its own answer, exactly as if it had been alone. A caller is answered only after the
// commit that holds its batch.
import type { InStatement, InValue, ResultSet } from "@libsql/client";
import type { Db } from "../client.ts";
import { createGroupedCall } from "../grouped-call.ts";
import { writeTogether } from "../write-together.ts";
import { writerThreadOf } from "../writer-thread.ts";
import { builtOnce } from "./built-once.ts";

/** Batches in one write at most; an order is about ten statements. */
export const MAX_BATCHES_PER_WRITE = 32;

/** How many batches went in how many writes, and how often a shared write was refused (for the tests). */
export const groupedWriteFigures = { writes: 0, batches: 0, refusedTogether: 0 };

const writerOf = builtOnce((db) =>
  createGroupedCall(
    async (batches: InStatement[][]) => {
      groupedWriteFigures.writes += 1;
      groupedWriteFigures.batches += batches.length;
      // On the embedded file, in the writer's thread (decision 047); on sqld, a request like any.
      const thread = writerThreadOf(db.$client);
      const { outcomes, refusedTogether } = thread
        ? await thread.write(batches)
        : await writeTogether(db.$client, batches);
      if (refusedTogether) groupedWriteFigures.refusedTogether += 1;
      return outcomes;
    },
    { gatherOneTurn: true, maxGroup: MAX_BATCHES_PER_WRITE },
  ),
);

/** Writes one batch, with the others of this moment; answers its statements' results. */
export async function writeGrouped(db: Db, statements: InStatement[]): Promise<ResultSet[]> {
  const outcome = await writerOf(db)(statements);
  if ("error" in outcome) throw outcome.error;
  return outcome.results;
}

/** A drizzle statement as the client takes it in a batch. */
export function statementOf(query: { toSQL(): { sql: string; params: unknown[] } }): InStatement {
  const { sql, params } = query.toSQL();
  return { sql, args: params as InValue[] };
}
