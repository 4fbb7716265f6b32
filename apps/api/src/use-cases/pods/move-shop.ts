// Moves a shop's rows to another pod while its storefront keeps answering (decision 040). The shop is
// read-only for the few seconds of the move: a fence in the source database refuses every write to its
// rows, whichever process makes it, and the API answers 503 with Retry-After. A move that fails before
// the flip leaves the shop where it was, writable, and the target without its rows.
import {
  bumpHomeVersionStatement,
  copyShopRows,
  deleteShopRowsStatements,
  digestShopRows,
  HOME_POD,
  movingTables,
  placeShopRowStatements,
  platform,
  podCounters,
  podDirectory,
  podFenceRepository,
  rawShopRow,
  removeShopRowStatement,
  runAtomically,
  type ShopRow,
  takeCountersHomeStatement,
} from "@stall/db";
import { DomainError } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import type { Pods } from "../../pods/pods.ts";

export type MoveStep = "fenced" | "copied" | "flipped";

export type MoveShopOptions = {
  /** The shop's id or slug. */
  shop: string;
  to: string;
  /** Who asked (an operator's email, or the account running the tool), for the audit log. */
  by: string;
  /**
   * How long after the flip the source rows stay, so every API process has seen the directory change
   * before they go (a process reads the directory every HOST_DIRECTORY_REFRESH_MS). Default: twice that, plus a second.
   */
  settleMs?: number;
  /** Rows per write while copying (default 200). */
  batchRows?: number;
  /** Called after each step (the CLI prints progress; tests act during the move). */
  onStep?: (step: MoveStep) => Promise<void> | void;
};

export type MoveShopReport = {
  shopId: string;
  slug: string;
  from: string;
  to: string;
  /** Rows moved per table. */
  rows: Record<string, number>;
  totalRows: number;
};

function moveError(message: string): DomainError {
  return new DomainError("conflict", message);
}

async function findShop(deps: Deps, idOrSlug: string): Promise<ShopRow> {
  const directory = platform(deps.database.db).shops;
  const shop = (await directory.findById(idOrSlug)) ?? (await directory.findBySlug(idOrSlug));
  if (!shop) throw new DomainError("shop_not_found", `No shop with id or slug "${idOrSlug}"`);
  return shop;
}

export async function moveShop(deps: Deps & { pods: Pods }, options: MoveShopOptions): Promise<MoveShopReport> {
  const { pods } = deps;
  const home = deps.database.db;
  const shop = await findShop(deps, options.shop);
  if (shop.deletionDueAt !== null) {
    throw moveError(`${shop.slug} is to be deleted; a shop waiting for its deletion is not moved`);
  }
  const placed = await podDirectory(home).find(shop.id);
  if (placed?.state === "moving") {
    throw moveError(
      `${shop.slug} is already moving from ${placed.pod} to ${placed.movingTo}; if that move was cut short, run "shops move ${shop.slug} --recover"`,
    );
  }
  const from = placed?.pod ?? HOME_POD;
  const to = options.to;
  if (!pods.all().some((pod) => pod.name === to)) {
    throw new DomainError(
      "validation_failed",
      `There is no pod "${to}"; the pods are ${pods
        .all()
        .map((pod) => pod.name)
        .join(", ")} (DATABASE_PODS)`,
    );
  }
  if (from === to) throw moveError(`${shop.slug} is already on ${to}`);
  const source = pods.database(from).db;
  const target = pods.database(to).db;
  const now = () => deps.clock.now();

  if (!(await podDirectory(home).beginMove(shop.id, from, to, now()))) {
    throw moveError(`${shop.slug} is no longer on ${from}, or another move of it has just started`);
  }
  let isFlipped = false;
  let rows: Record<string, number> = {};
  const tables = await movingTables(source);
  try {
    // From here every write to the shop's rows on the source is refused by the database.
    await podFenceRepository(source).raise(shop.id, "moving", now());
    await options.onStep?.("fenced");

    // The target may keep a fence from when the shop last left it, or rows of a move cut short.
    await podFenceRepository(target).lift(shop.id);
    await runAtomically(target, deleteShopRowsStatements(target, shop.id, tables));
    const homeRow = await rawShopRow(home, shop.id);
    if (!homeRow) throw new Error(`${shop.slug} vanished during its move`);
    const counters = from === HOME_POD ? undefined : await podCounters(source, shop.id);
    if (to !== HOME_POD) {
      // The target's copy of the shop row carries the counters as the source has them.
      const row = counters
        ? {
            ...homeRow.shop,
            version: counters.version,
            next_order_number: counters.nextOrderNumber,
            storage_used_bytes: counters.storageUsedBytes,
            last_order_at: counters.lastOrderAt,
          }
        : homeRow.shop;
      await runAtomically(target, placeShopRowStatements(target, row, homeRow.plan));
    }
    rows = await copyShopRows(source, target, shop.id, tables, options.batchRows);
    const [before, after] = [
      await digestShopRows(source, shop.id, tables),
      await digestShopRows(target, shop.id, tables),
    ];
    const differing = tables.filter(
      (table) =>
        before[table.name]?.rows !== after[table.name]?.rows ||
        before[table.name]?.digest !== after[table.name]?.digest,
    );
    if (differing.length > 0) {
      throw new Error(`The copy differs from the source in ${differing.map((table) => table.name).join(", ")}`);
    }
    await options.onStep?.("copied");

    // The flip: the directory places the shop on the target and the storefront's caches see a new version.
    const [flipped] = (await home.batch([
      podDirectory(home).finishMoveStatement(shop.id, to, now()),
      to === HOME_POD && counters
        ? takeCountersHomeStatement(home, shop.id, counters, now())
        : bumpHomeVersionStatement(home, shop.id, now()),
    ])) as [{ shopId: string }[], unknown];
    if (flipped.length !== 1) throw new Error(`The directory no longer showed ${shop.slug} moving to ${to}`);
    isFlipped = true;
    await options.onStep?.("flipped");
  } catch (error) {
    await undoMove(deps, { shopId: shop.id, source, target, to, tables }).catch((cleanup: unknown) => {
      deps.logger.log("error", "shop move: undoing a failed move failed", { shopId: shop.id, error: String(cleanup) });
    });
    await recordMove(deps, shop, "shop.move_failed", options.by, { from, to, error: String(error) });
    throw error;
  } finally {
    if (!isFlipped) await podDirectory(home).abortMove(shop.id, now());
  }

  // Processes that have not yet seen the flip still read the source for a moment; its rows stay till then.
  const settleMs = options.settleMs ?? 2 * deps.config.caches.hostDirectoryRefreshMs + 1000;
  if (settleMs > 0) await new Promise((resolve) => setTimeout(resolve, settleMs));
  await runAtomically(source, [
    // Gone: a process that still writes here is refused; only deletes go through.
    podFenceRepository(source).raiseStatement(shop.id, "gone", now()),
    ...deleteShopRowsStatements(source, shop.id, tables),
    ...(from === HOME_POD ? [] : [removeShopRowStatement(source, shop.id)]),
  ]);
  const totalRows = Object.values(rows).reduce((total, count) => total + count, 0);
  await recordMove(deps, shop, "shop.moved", options.by, { from, to, rows, totalRows });
  deps.logger.log("info", "shop moved", { shopId: shop.id, from, to, totalRows });
  return { shopId: shop.id, slug: shop.slug, from, to, rows, totalRows };
}

/** Before the flip: the target loses what was copied, the source its fence. The directory is reset by the caller. */
async function undoMove(
  deps: Deps,
  move: {
    shopId: string;
    source: Deps["database"]["db"];
    target: Deps["database"]["db"];
    to: string;
    tables: Awaited<ReturnType<typeof movingTables>>;
  },
): Promise<void> {
  await runAtomically(move.target, [
    ...deleteShopRowsStatements(move.target, move.shopId, move.tables),
    ...(move.to === HOME_POD ? [] : [removeShopRowStatement(move.target, move.shopId)]),
  ]);
  // A target the shop once left keeps refusing stray writes.
  if (move.to === HOME_POD) await podFenceRepository(move.target).raise(move.shopId, "gone", deps.clock.now());
  await podFenceRepository(move.source).lift(move.shopId);
}

async function recordMove(deps: Deps, shop: ShopRow, action: string, by: string, data: Record<string, unknown>) {
  await platform(deps.database.db).audit.record({
    id: deps.newId("audit"),
    shopId: shop.id,
    actorUserId: null,
    actorRole: "operator",
    action,
    targetType: "shop",
    targetId: shop.id,
    data: { by, slug: shop.slug, ...data },
    ip: null,
    createdAt: deps.clock.now(),
  });
}

/**
 * A move cut short (the tool was killed before the flip): the shop goes back to being placed where it
 * was, writable, and the target loses what was copied.
 */
export async function recoverMove(deps: Deps & { pods: Pods }, options: { shop: string; by: string }) {
  const shop = await findShop(deps, options.shop);
  const placed = await podDirectory(deps.database.db).find(shop.id);
  if (placed?.state !== "moving" || !placed.movingTo) throw moveError(`${shop.slug} is not moving`);
  const source = deps.pods.database(placed.pod).db;
  const target = deps.pods.database(placed.movingTo).db;
  await undoMove(deps, { shopId: shop.id, source, target, to: placed.movingTo, tables: await movingTables(source) });
  await podDirectory(deps.database.db).abortMove(shop.id, deps.clock.now());
  await recordMove(deps, shop, "shop.move_recovered", options.by, { from: placed.pod, to: placed.movingTo });
  return { shopId: shop.id, slug: shop.slug, pod: placed.pod };
}
