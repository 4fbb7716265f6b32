import { toDecimalString } from "@stall/domain";
import { stringify } from "csv-stringify/sync";
import type { Deps } from "../../deps.ts";
import { auditCohort, type OperatorActor } from "./cohort-views.ts";
import { getCohortFigures } from "./get-cohort-figures.ts";

/**
 * The programme's figures by week as CSV: one row per week, a pair of columns (orders, sales) per
 * currency, sales in the currency's usual units ("12.50"). Ages are not in it: they are never by week.
 */
export async function exportCohortFigures(deps: Deps, options: { actor: OperatorActor; cohortId: string }) {
  const answer = await getCohortFigures(deps, { cohortId: options.cohortId });
  const currencies = answer.figures.byCurrency.map((figure) => figure.currency);
  const header = [
    "week_starting",
    "shops_created",
    "shops_published",
    "shops_with_first_order",
    "orders",
    ...currencies.flatMap((currency) => [`orders_${currency}`, `sales_${currency}`]),
  ];
  const rows = answer.figures.weeks.map((week) => [
    week.week,
    week.shopsCreated,
    week.shopsPublished,
    week.shopsWithFirstOrder,
    week.orders,
    ...currencies.flatMap((currency) => {
      const figure = week.byCurrency.find((entry) => entry.currency === currency);
      return [figure?.orders ?? 0, toDecimalString({ amount: figure?.salesAmount ?? 0, currency })];
    }),
  ]);
  await auditCohort(deps, options.actor, "cohort.figures_export", answer.cohort.id, { weeks: rows.length });
  const slug = answer.cohort.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return { filename: `${slug || "programme"}-figures.csv`, csv: stringify([header, ...rows]) };
}
