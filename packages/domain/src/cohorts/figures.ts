// A programme's (cohort's) figures, week by week, from facts each shop gives about itself. Pure: the API
// gathers the facts (one grouped query per shop) and this adds them up, so the rules are tested here.

const DAY_MS = 24 * 60 * 60 * 1000;
const WEEK_MS = 7 * DAY_MS;

/** A shop is "active" when it took an order within this long. */
export const ACTIVE_WINDOW_MS = 30 * DAY_MS;

/** One shop's orders in one week and currency (money in minor units, as stored). */
export type ShopWeekSales = { weekStart: number; currency: string; orders: number; salesAmount: number };

/** What one shop of the cohort tells the figures (times are epoch ms; null when it has not happened). */
export type CohortShopFacts = {
  createdAt: number;
  publishedAt: number | null;
  firstOrderAt: number | null;
  lastOrderAt: number | null;
  sales: ShopWeekSales[];
};

export type CurrencyFigure = { currency: string; orders: number; salesAmount: number };

export type CohortWeek = {
  /** Monday 00:00 UTC of the week, as YYYY-MM-DD. */
  week: string;
  shopsCreated: number;
  shopsPublished: number;
  shopsWithFirstOrder: number;
  orders: number;
  /** Orders and sales in each currency that week, by currency code. */
  byCurrency: CurrencyFigure[];
};

export type CohortFigures = {
  shops: number;
  published: number;
  withFirstOrder: number;
  activeLast30Days: number;
  orders: number;
  byCurrency: CurrencyFigure[];
  weeks: CohortWeek[];
};

/** Monday 00:00 UTC of the week holding `at` (ISO weeks start on Monday). */
export function weekStart(at: number): number {
  const day = Math.floor(at / DAY_MS) * DAY_MS;
  // 1970-01-01 was a Thursday: (weekday + 6) % 7 counts days since Monday.
  const weekday = new Date(day).getUTCDay();
  return day - ((weekday + 6) % 7) * DAY_MS;
}

function isoDate(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

function addCurrency(into: Map<string, CurrencyFigure>, currency: string, orders: number, salesAmount: number) {
  const figure = into.get(currency) ?? { currency, orders: 0, salesAmount: 0 };
  figure.orders += orders;
  figure.salesAmount += salesAmount;
  into.set(currency, figure);
}

function sortedCurrencies(map: Map<string, CurrencyFigure>): CurrencyFigure[] {
  return [...map.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

/**
 * Adds up a cohort's shops into totals and one row per week, from the week of the first event to the
 * week of `now` with no gaps (a quiet week shows as zeros, so a chart's bars are evenly spaced).
 * Money is never added across currencies.
 *
 * @example cohortFigures([{ createdAt, publishedAt: null, firstOrderAt: null, lastOrderAt: null, sales: [] }], now)
 */
export function cohortFigures(shops: CohortShopFacts[], now: number): CohortFigures {
  type Bucket = { created: number; published: number; firstOrders: number; currencies: Map<string, CurrencyFigure> };
  const buckets = new Map<number, Bucket>();
  const bucket = (at: number): Bucket => {
    const key = weekStart(at);
    let found = buckets.get(key);
    if (!found) {
      found = { created: 0, published: 0, firstOrders: 0, currencies: new Map() };
      buckets.set(key, found);
    }
    return found;
  };
  const totals = new Map<string, CurrencyFigure>();
  let published = 0;
  let withFirstOrder = 0;
  let active = 0;
  for (const shop of shops) {
    bucket(shop.createdAt).created += 1;
    if (shop.publishedAt !== null) {
      published += 1;
      bucket(shop.publishedAt).published += 1;
    }
    if (shop.firstOrderAt !== null) {
      withFirstOrder += 1;
      bucket(shop.firstOrderAt).firstOrders += 1;
    }
    if (shop.lastOrderAt !== null && now - shop.lastOrderAt <= ACTIVE_WINDOW_MS) active += 1;
    for (const sale of shop.sales) {
      addCurrency(bucket(sale.weekStart).currencies, sale.currency, sale.orders, sale.salesAmount);
      addCurrency(totals, sale.currency, sale.orders, sale.salesAmount);
    }
  }
  const weeks: CohortWeek[] = [];
  if (buckets.size > 0) {
    const first = Math.min(...buckets.keys());
    const last = Math.max(weekStart(now), ...buckets.keys());
    for (let at = first; at <= last; at += WEEK_MS) {
      const found = buckets.get(at);
      const byCurrency = found ? sortedCurrencies(found.currencies) : [];
      weeks.push({
        week: isoDate(at),
        shopsCreated: found?.created ?? 0,
        shopsPublished: found?.published ?? 0,
        shopsWithFirstOrder: found?.firstOrders ?? 0,
        orders: byCurrency.reduce((sum, figure) => sum + figure.orders, 0),
        byCurrency,
      });
    }
  }
  const byCurrency = sortedCurrencies(totals);
  return {
    shops: shops.length,
    published,
    withFirstOrder,
    activeLast30Days: active,
    orders: byCurrency.reduce((sum, figure) => sum + figure.orders, 0),
    byCurrency,
    weeks,
  };
}
