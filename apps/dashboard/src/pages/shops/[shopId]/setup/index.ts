// /shops/{id}/setup: the onboarding screen this shop is at, worked out from what it already has.
import type { APIRoute } from "astro";
import { SETUP_PATHS } from "../../../../lib/setup.ts";
import { loadSetupState, loadShop, notFound } from "../../../../lib/shop.ts";

export const GET: APIRoute = async (context) => {
  const shop = await loadShop(context as never, context.params.shopId);
  if (!shop) return notFound();
  const { step } = await loadSetupState(shop);
  return context.redirect(SETUP_PATHS[step](shop.shop.id), 303);
};
