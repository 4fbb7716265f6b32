// What the owner's dashboard and the operator console say, in every language.
// Plain words for someone who has never built a website: "web address", not "slug"; "where buyers
// collect", not "pickup point"; "someone who helps you", not "staff member".
// Each area of the dashboard has its own module in ./dashboard/; this joins them into one catalogue.
import { defineCatalogue } from "./catalogue.ts";
import { account } from "./dashboard/account.ts";
import { chrome } from "./dashboard/chrome.ts";
import { collections } from "./dashboard/collections.ts";
import { contentPages } from "./dashboard/content-pages.ts";
import { csv } from "./dashboard/csv.ts";
import { delivery } from "./dashboard/delivery.ts";
import { discounts } from "./dashboard/discounts.ts";
import { emails } from "./dashboard/emails.ts";
import { exportAndDeletion } from "./dashboard/export-and-deletion.ts";
import { home } from "./dashboard/home.ts";
import { languages } from "./dashboard/languages.ts";
import { look } from "./dashboard/look.ts";
import { onboarding } from "./dashboard/onboarding.ts";
import { operator } from "./dashboard/operator.ts";
import { operatorAudit } from "./dashboard/operator-audit.ts";
import { operatorCohorts } from "./dashboard/operator-cohorts.ts";
import { operatorPlans } from "./dashboard/operator-plans.ts";
import { operatorShops } from "./dashboard/operator-shops.ts";
import { orders } from "./dashboard/orders.ts";
import { payments } from "./dashboard/payments.ts";
import { photoImports } from "./dashboard/photo-imports.ts";
import { plan } from "./dashboard/plan.ts";
import { productDetails } from "./dashboard/product-details.ts";
import { products } from "./dashboard/products.ts";
import { returns } from "./dashboard/returns.ts";
import { settings } from "./dashboard/settings.ts";
import { shopTools } from "./dashboard/shop-tools.ts";
import { tax } from "./dashboard/tax.ts";
import { team } from "./dashboard/team.ts";

/** The areas in the order they are joined; a key must belong to one area only (a test checks). */
export const dashboardAreas = {
  chrome,
  account,
  onboarding,
  home,
  orders,
  emails,
  payments,
  products,
  team,
  settings,
  collections,
  contentPages,
  csv,
  shopTools,
  look,
  delivery,
  tax,
  returns,
  discounts,
  operator,
  operatorAudit,
  exportAndDeletion,
  operatorShops,
  plan,
  operatorPlans,
  operatorCohorts,
  photoImports,
  languages,
  productDetails,
};

const en = {
  ...chrome.en,
  ...account.en,
  ...onboarding.en,
  ...home.en,
  ...orders.en,
  ...emails.en,
  ...payments.en,
  ...products.en,
  ...team.en,
  ...settings.en,
  ...collections.en,
  ...contentPages.en,
  ...csv.en,
  ...shopTools.en,
  ...look.en,
  ...delivery.en,
  ...tax.en,
  ...returns.en,
  ...discounts.en,
  ...operator.en,
  ...operatorAudit.en,
  ...exportAndDeletion.en,
  ...operatorShops.en,
  ...plan.en,
  ...operatorPlans.en,
  ...operatorCohorts.en,
  ...photoImports.en,
  ...languages.en,
  ...productDetails.en,
};

export type DashboardMessages = typeof en;

export const dashboardMessages = defineCatalogue<DashboardMessages>({
  en,
  "zh-CN": {
    ...chrome["zh-CN"],
    ...account["zh-CN"],
    ...onboarding["zh-CN"],
    ...home["zh-CN"],
    ...orders["zh-CN"],
    ...emails["zh-CN"],
    ...payments["zh-CN"],
    ...products["zh-CN"],
    ...team["zh-CN"],
    ...settings["zh-CN"],
    ...collections["zh-CN"],
    ...contentPages["zh-CN"],
    ...csv["zh-CN"],
    ...shopTools["zh-CN"],
    ...look["zh-CN"],
    ...delivery["zh-CN"],
    ...tax["zh-CN"],
    ...returns["zh-CN"],
    ...discounts["zh-CN"],
    ...operator["zh-CN"],
    ...operatorAudit["zh-CN"],
    ...exportAndDeletion["zh-CN"],
    ...operatorShops["zh-CN"],
    ...plan["zh-CN"],
    ...operatorPlans["zh-CN"],
    ...operatorCohorts["zh-CN"],
    ...photoImports["zh-CN"],
    ...languages["zh-CN"],
    ...productDetails["zh-CN"],
  },
});
