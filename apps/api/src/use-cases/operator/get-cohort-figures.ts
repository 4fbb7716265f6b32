import { platform } from "@stall/db";
import {
  type AgeBandReport,
  ageBandReport,
  type CohortFigures,
  type CohortShopFacts,
  co2GramsPerView,
  cohortFigures,
  type GreenFigure,
  greenFigure,
} from "@stall/domain";
import { LRUCache } from "lru-cache";
import type { Deps } from "../../deps.ts";
import { shopRepos } from "../../pods/shop-db.ts";
import { cohortOr404, toCohort } from "./cohort-views.ts";

/** Figures are this fresh at most: a programme of 1,000 shops is added up once a minute, not per page view. */
export const FIGURES_FRESH_MS = 60_000;

type ShopLine = {
  id: string;
  name: string;
  slug: string;
  createdAt: number;
  isPublished: boolean;
  firstOrderAt: number | null;
  lastOrderAt: number | null;
  orders: number;
  pageWeight: { bytesPerView: number; gramsPerView: number; measuredAt: number } | null;
};

export type CohortFiguresAnswer = {
  cohort: ReturnType<typeof toCohort>;
  computedAt: number;
  figures: CohortFigures;
  ageBands: AgeBandReport;
  green: (GreenFigure & { shopsMeasured: number; firstMeasuredAt: number; lastMeasuredAt: number }) | null;
  shops: ShopLine[];
};

// One cache per API process (per Deps), so tests with their own harness never share answers; beside it
// the additions under way, so several operators opening the page at once share one.
type Cache = { answers: LRUCache<string, CohortFiguresAnswer>; pending: Map<string, Promise<CohortFiguresAnswer>> };
const caches = new WeakMap<Deps, Cache>();
function cacheOf(deps: Deps): Cache {
  let cache = caches.get(deps);
  if (!cache) {
    cache = { answers: new LRUCache({ max: 200 }), pending: new Map() };
    caches.set(deps, cache);
  }
  return cache;
}

/**
 * A programme's figures: shops created, published, with a first order, active in the last 30 days, orders
 * and sales by currency week by week, owners' age bands (only in groups of 5 or more), and the estimated
 * CO2 per page view beside the web's median page. Each shop is read through its own repositories with one
 * grouped query for its orders; the answer is kept for a minute.
 */
export async function getCohortFigures(deps: Deps, options: { cohortId: string }): Promise<CohortFiguresAnswer> {
  const cohort = await cohortOr404(deps, options.cohortId);
  const now = deps.clock.now();
  const cache = cacheOf(deps);
  const cached = cache.answers.get(cohort.id);
  if (cached && now - cached.computedAt < FIGURES_FRESH_MS && now >= cached.computedAt) return cached;
  let pending = cache.pending.get(cohort.id);
  if (!pending) {
    pending = addUp(deps, cohort, now).finally(() => cache.pending.delete(cohort.id));
    cache.pending.set(cohort.id, pending);
  }
  return pending;
}

async function addUp(
  deps: Deps,
  cohort: Awaited<ReturnType<typeof cohortOr404>>,
  now: number,
): Promise<CohortFiguresAnswer> {
  const { db } = deps.database;
  const directory = platform(db);
  const shops = await directory.cohorts.shops(cohort.id);
  const facts: CohortShopFacts[] = [];
  const lines: ShopLine[] = [];
  for (const shop of shops) {
    const repos = await shopRepos(deps, shop.id);
    const sales = await repos.orders.weeklySales();
    const weight = await repos.pageWeight.get();
    const firstOrderAt = sales.length > 0 ? Math.min(...sales.map((sale) => sale.firstAt)) : null;
    facts.push({
      createdAt: shop.createdAt,
      publishedAt: shop.isPublished ? shop.publishedAt : null,
      firstOrderAt,
      lastOrderAt: shop.lastOrderAt,
      sales,
    });
    lines.push({
      id: shop.id,
      name: shop.name,
      slug: shop.slug,
      createdAt: shop.createdAt,
      isPublished: shop.isPublished,
      firstOrderAt,
      lastOrderAt: shop.lastOrderAt,
      orders: sales.reduce((sum, sale) => sum + sale.orders, 0),
      pageWeight: weight
        ? {
            bytesPerView: weight.bytesPerView,
            gramsPerView: co2GramsPerView(weight.bytesPerView),
            measuredAt: weight.measuredAt,
          }
        : null,
    });
  }
  const measured = lines.flatMap((line) => (line.pageWeight ? [line.pageWeight] : []));
  const green =
    measured.length > 0
      ? {
          ...greenFigure(Math.round(measured.reduce((sum, page) => sum + page.bytesPerView, 0) / measured.length)),
          shopsMeasured: measured.length,
          firstMeasuredAt: Math.min(...measured.map((page) => page.measuredAt)),
          lastMeasuredAt: Math.max(...measured.map((page) => page.measuredAt)),
        }
      : null;
  const owners = await directory.cohorts.ownerAgeBands(cohort.id);
  const answer: CohortFiguresAnswer = {
    cohort: toCohort(deps, cohort, shops.length),
    computedAt: now,
    figures: cohortFigures(facts, now),
    ageBands: ageBandReport(owners.map((owner) => owner.ageBand ?? null)),
    green,
    shops: lines,
  };
  cacheOf(deps).answers.set(cohort.id, answer);
  return answer;
}

/** Forgets a programme's figures (after it changes), so the next read adds them up again. */
export function forgetCohortFigures(deps: Deps, cohortId: string) {
  caches.get(deps)?.answers.delete(cohortId);
  caches.get(deps)?.pending.delete(cohortId);
}
