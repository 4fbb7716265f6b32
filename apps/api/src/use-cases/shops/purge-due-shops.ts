// The purge job (decision 025): every API process runs it, like the outbox worker; each due shop is
// claimed by one of them at a time (an atomic UPDATE in the database), its files that no other shop
// shares are deleted from the media store, then every row of the shop goes in one atomic write.
import { platform, purgeShop, purgeShopFromPod, unsharedStorageKeys } from "@stall/db";
import type { Deps } from "../../deps.ts";
import { keysUnusedOnEveryPod, shopDb } from "../../pods/shop-db.ts";

/** How long a claim holds before another process may take over a purge that did not finish. */
export const PURGE_LEASE_MS = 10 * 60_000;
/** Shops purged per run at most, so one run stays short. */
const PER_RUN = 10;

export type PurgedShop = { shopId: string; rows: number; files: number };

/** Purges every shop whose deletion is due, one claimed shop at a time. */
export async function purgeDueShops(deps: Deps, options: { leaseMs?: number } = {}): Promise<PurgedShop[]> {
  const directory = platform(deps.database.db);
  const purged: PurgedShop[] = [];
  for (let count = 0; count < PER_RUN; count += 1) {
    const now = deps.clock.now();
    const shopId = await directory.deletions.claimDue(now, options.leaseMs ?? PURGE_LEASE_MS);
    if (!shopId) break;
    const shop = await directory.shops.findById(shopId);
    // Files first: should the process die halfway, the rows still say what to finish once the claim
    // runs out; the other way round, files nobody points at would stay in the store for ever.
    const pod = await shopDb(deps, shopId);
    const keys = await keysUnusedOnEveryPod(deps, await unsharedStorageKeys(pod, shopId), pod);
    for (const key of keys) await deps.mediaStore.delete(key);
    // A shop on another pod (decision 040): its rows there go first, then home's rows and the shop.
    const onPod = pod === deps.database.db ? 0 : await purgeShopFromPod(pod, shopId);
    const { deleted } = await purgeShop(deps.database.db, shopId, now);
    const rows = Object.values(deleted).reduce((total, n) => total + n, onPod);
    await directory.audit.record({
      id: deps.newId("audit"),
      shopId: null,
      actorUserId: null,
      actorRole: "system",
      action: "shop.purged",
      targetType: "shop",
      targetId: shopId,
      data: { slug: shop?.slug ?? null, name: shop?.name ?? null, rows, files: keys.length },
      ip: null,
      createdAt: deps.clock.now(),
    });
    deps.logger.log("info", "shop purged", { shopId, rows, files: keys.length });
    purged.push({ shopId, rows, files: keys.length });
  }
  return purged;
}

/** Runs `purgeDueShops` every `intervalMs` in this process, never two runs at once. */
export function startShopPurge(deps: Deps, intervalMs = 60_000) {
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    if (running) return;
    running = purgeDueShops(deps)
      .catch((error: unknown) => deps.logger.log("error", "shop purge failed", { error: String(error) }))
      .finally(() => {
        running = undefined;
      });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
