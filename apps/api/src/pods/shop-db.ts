// The one place a shop's database is resolved (decision 040): every `forShop` in the API goes through
// `shopRepos` or `shopDb`. Without pods (the default) it is home's database, with no lookup at all.
import { avifQueue, type Db, forShop, type ShopRepositories } from "@stall/db";
import { DomainError } from "@stall/domain";
import type { Deps } from "../deps.ts";

/** What a client is told to wait while its shop moves: a move takes seconds. */
export const SHOP_MOVING_RETRY_SECONDS = 5;

/** The database holding the shop's rows. */
export function shopDb(deps: Deps, shopId: string): Promise<Db> | Db {
  return deps.pods ? deps.pods.dbFor(shopId) : deps.database.db;
}

/** The shop's repositories, on the database that holds its rows. */
export async function shopRepos(deps: Deps, shopId: string): Promise<ShopRepositories> {
  return forShop(await shopDb(deps, shopId), shopId);
}

/** Home's shop row with the counters (version, order number, storage used) the shop's pod keeps. */
export async function withPodCounters<T extends { id: string; version: number }>(deps: Deps, row: T): Promise<T> {
  return deps.pods ? ((await deps.pods.withCounters(row)) as T) : row;
}

/** The refusal of a write to a shop that is moving; the database's fence gives the same answer. */
export function shopMovingError(cause?: unknown): DomainError {
  return new DomainError(
    "service_unavailable",
    `This shop is moving to another database and can't be changed for a few seconds; nothing was changed. Please try again in ${SHOP_MOVING_RETRY_SECONDS} seconds.`,
    { details: { retryAfterSeconds: SHOP_MOVING_RETRY_SECONDS }, ...(cause === undefined ? {} : { cause }) },
  );
}

/** Refuses a change to a shop that is moving, before any work is done (uploads, re-pricing). */
export async function assertShopWritable(deps: Deps, shopId: string): Promise<void> {
  if (!deps.pods) return;
  await deps.pods.ensureFresh();
  if (deps.pods.placement(shopId).movingTo !== null) throw shopMovingError();
}

/** Every database shops' rows may be in: home, then the other pods. */
export function podDatabases(deps: Deps): Db[] {
  return deps.pods ? deps.pods.all().map((pod) => pod.database.db) : [deps.database.db];
}

/**
 * Of `keys`, the media files no photo on any pod (but `except`, already asked) uses: files are
 * content-addressed and shared between shops, and shops on other pods count too.
 */
export async function keysUnusedOnEveryPod(deps: Deps, keys: string[], except?: Db): Promise<string[]> {
  let unused = keys;
  for (const db of podDatabases(deps).filter((candidate) => candidate !== except)) {
    if (unused.length === 0) break;
    unused = await avifQueue(db).unusedKeys(unused);
  }
  return unused;
}

/**
 * The dependencies a queue worker of one pod runs with: its queue is that pod's database and the shop rows
 * it reads are that pod's copies (plan and counters current, settings as of the move); shops' own rows are
 * still found through the directory.
 */
export function onPod(deps: Deps, pod: { name: string; database: Deps["database"] }): Deps {
  return pod.name === "home" ? deps : { ...deps, database: pod.database };
}
