import type { ShopRow } from "@stall/db";
import { type ShopTemplateName, shopTemplate } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import { shopRepos } from "../../pods/shop-db.ts";
import type { ShopAccess } from "../access.ts";
import { collectionHandlers } from "../catalog/collections.ts";
import { pageHandlers } from "../catalog/pages.ts";
import { updateShop } from "./update-shop.ts";

/**
 * Fills a new shop with a trade's sample content, through the same use-cases the owner's own edits use:
 * a tagline, a look, the delivery wording, an "about" and a "how to order" page, and a few collections,
 * in the shop's language. Everything stays editable and deletable.
 */
export async function applyShopTemplate(
  deps: Deps,
  options: { shop: ShopRow; membershipId: string; template: ShopTemplateName },
): Promise<ShopRow> {
  const content = shopTemplate(options.template, options.shop.locale);
  const access: ShopAccess = {
    shop: options.shop,
    role: "owner",
    permissions: [],
    membershipId: options.membershipId,
    repos: await shopRepos(deps, options.shop.id),
  };
  for (const page of content.pages) await pageHandlers.create(deps, access, { ...page, isPublished: true });
  for (const collection of content.collections) await collectionHandlers.create(deps, access, collection);
  return updateShop(deps, {
    access,
    input: {
      tagline: content.tagline,
      themePreset: content.themePreset,
      policies: { ...options.shop.policies, delivery: content.deliveryPolicy },
    },
  });
}
