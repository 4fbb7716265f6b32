// What pricing and placing an order read besides the shop row and the key, held in memory per shop
// (decision 043): the lines' variants, the place the buyer chose, the tax settings, the plan and the
// owner's address. Everything here but the plan and the owner moves the shop's version when it changes,
// and the caller has just read the shop row, so an entry is used only while its version is the shop's
// version; its plan, tax and owner are also read again after CONTEXT_TTL_MS, which bounds how late a plan's
// edit or the owner's new email address is seen (as every other process sees edits: within a second),
// while the variants and places already read stay as long as the version does. Stock in a held row may
// be old: pricing never decides on it, the order's write takes stock with guarded statements, and a
// shortfall is read again fresh. Discount codes are read at every use (their count of uses moves).
import type { PlanRow, ShopRepositories, ShopRow } from "@stall/db";
import type { CheckoutInput } from "@stall/domain";
import { LRUCache } from "lru-cache";
import type { Deps } from "../../deps.ts";
import { planOf } from "../plans/plan-room.ts";
import { shopOwner } from "./order-notifications.ts";
import type { PricingReads } from "./price-order.ts";

/** How long a held entry may serve at most, whatever the version says. */
export const CONTEXT_TTL_MS = 1000;

type VariantRow = PricingReads["variants"][number];
type Owner = Awaited<ReturnType<typeof shopOwner>>;

type Entry = {
  version: number;
  loadedAt: number;
  plan: PlanRow;
  tax: PricingReads["tax"];
  owner: Owner;
  /** By variant id; null for an id the shop does not have (so a made-up id is not read again and again). */
  variants: Map<string, Promise<VariantRow | null>>;
  /** By `type:id`; null for a place the shop does not have. */
  places: Map<string, Promise<PricingReads["place"] | null>>;
  /** What the variants and places held count; they pass to the next entry of the same version. */
  readsBytes: number;
  bytes: number;
};

/** What one order reads: pricing's reads, the plan and the owner (for the new-order email). */
export type OrderReads = { reads: PricingReads; plan: PlanRow; owner: Owner };

/** Bytes counted for a held value: its JSON, two bytes a character as V8 holds strings, and the object. */
const sizeOf = (value: unknown) => 64 + (JSON.stringify(value)?.length ?? 0) * 2;

function placeKey(fulfilment: CheckoutInput["fulfilment"]): string {
  if (fulfilment.type === "pickup") return `pickup:${fulfilment.pickupPointId}`;
  if (fulfilment.type === "delivery") return `delivery:${fulfilment.deliveryAreaId}`;
  return `shipping:${fulfilment.shippingRateId}`;
}

function readPlace(repos: ShopRepositories, fulfilment: CheckoutInput["fulfilment"]) {
  if (fulfilment.type === "pickup") return repos.pickupPoints.get(fulfilment.pickupPointId);
  if (fulfilment.type === "delivery") return repos.deliveryAreas.get(fulfilment.deliveryAreaId);
  return repos.shippingRates.get(fulfilment.shippingRateId);
}

export function createCheckoutContexts(deps: Deps) {
  const budget = () => deps.config.caches.checkoutContextBytes;
  // Made on first use: the app is also built with no configuration at all, for the OpenAPI document.
  let held: LRUCache<string, Entry> | undefined;
  const entries = () =>
    (held ??= new LRUCache<string, Entry>({
      maxSize: Math.max(1, budget()),
      sizeCalculation: (entry) => entry.bytes,
    }));
  /** Entries being read, so fifty buyers arriving at once read a shop's settings once, not fifty times. */
  const loading = new Map<string, Promise<Entry>>();

  /**
   * Counts what was added to an entry against the budget. lru-cache sizes an entry when it is set, and
   * setting the same object again keeps the old size: so it is taken out and put back.
   */
  const grew = (shopId: string, entry: Entry, added: unknown) => {
    // The entry held now, which may be a later one sharing this entry's variants and places.
    const current = entries().peek(shopId);
    const owner = current?.variants === entry.variants ? current : entry;
    owner.readsBytes += sizeOf(added);
    owner.bytes += sizeOf(added);
    if (current !== owner) return;
    entries().delete(shopId);
    entries().set(shopId, owner);
  };

  async function load(shop: ShopRow, repos: ShopRepositories, now: number): Promise<Entry> {
    const [plan, tax, owner] = await Promise.all([planOf(deps, shop), repos.tax.get(), shopOwner(deps, shop.id)]);
    // Variants and places move the version when they change: those of the same version are kept.
    const previous = entries().peek(shop.id);
    const kept = previous?.version === shop.version ? previous : undefined;
    const entry: Entry = {
      version: shop.version,
      loadedAt: now,
      plan,
      tax,
      owner,
      variants: kept?.variants ?? new Map(),
      places: kept?.places ?? new Map(),
      readsBytes: kept?.readsBytes ?? 0,
      bytes: sizeOf({ plan, tax, owner }) + (kept?.readsBytes ?? 0),
    };
    entries().set(shop.id, entry);
    return entry;
  }

  function entryFor(shop: ShopRow, repos: ShopRepositories): Promise<Entry> {
    const now = deps.clock.now();
    const current = entries().get(shop.id);
    if (current && current.version === shop.version && now - current.loadedAt < CONTEXT_TTL_MS)
      return Promise.resolve(current);
    const key = `${shop.id}:${shop.version}`;
    const pending = loading.get(key);
    if (pending) return pending;
    const started = load(shop, repos, now).finally(() => loading.delete(key));
    loading.set(key, started);
    return started;
  }

  /** The lines' variants: held ones at once, the rest in one read shared by everyone waiting for them. */
  function variantsOf(shopId: string, entry: Entry, repos: ShopRepositories, ids: string[]) {
    const missing = ids.filter((id) => !entry.variants.has(id));
    if (missing.length > 0) {
      const read = repos.products.variantsByIds(missing).then((found) => {
        grew(shopId, entry, found);
        return new Map(found.map((row) => [row.variant.id, row]));
      });
      // A failed read is not held: the next order reads again.
      read.catch(() => {
        for (const id of missing) entry.variants.delete(id);
      });
      for (const id of missing)
        entry.variants.set(
          id,
          read.then((byId) => byId.get(id) ?? null),
        );
    }
    return Promise.all(ids.map((id) => entry.variants.get(id) ?? Promise.resolve(null)));
  }

  function placeOf(shopId: string, entry: Entry, repos: ShopRepositories, fulfilment: CheckoutInput["fulfilment"]) {
    const key = placeKey(fulfilment);
    let place = entry.places.get(key);
    if (!place) {
      place = readPlace(repos, fulfilment).then((found) => {
        grew(shopId, entry, found ?? null);
        return found ?? null;
      });
      place.catch(() => entry.places.delete(key));
      entry.places.set(key, place);
    }
    return place;
  }

  return {
    /** The reads one order (or quote) needs, from memory where the shop has not changed since. */
    async read(shop: ShopRow, repos: ShopRepositories, input: CheckoutInput): Promise<OrderReads> {
      const entry = await entryFor(shop, repos);
      const ids = [...new Set(input.lines.map((line) => line.variantId))];
      const [variants, place, discounts] = await Promise.all([
        variantsOf(shop.id, entry, repos, ids),
        placeOf(shop.id, entry, repos, input.fulfilment),
        input.discountCode ? repos.discountCodes.list() : Promise.resolve([]),
      ]);
      return {
        reads: {
          variants: variants.filter((row) => row !== null),
          place: place ?? undefined,
          discounts,
          tax: entry.tax,
        },
        plan: entry.plan,
        owner: entry.owner,
      };
    },
    figures: () => ({
      bytes: held?.calculatedSize ?? 0,
      entries: held?.size ?? 0,
      budget: budget(),
    }),
  };
}

export type CheckoutContexts = ReturnType<typeof createCheckoutContexts>;
