import { platform, type ShopRow } from "@stall/db";
import {
  checkThemeContrast,
  DomainError,
  methodsOutsidePlan,
  planLimitError,
  type UpdateShopInput,
} from "@stall/domain";
import type { Deps } from "../../deps.ts";
import type { ShopAccess } from "../access.ts";
import { planOf } from "../plans/plan-room.ts";

/** Changes a shop's settings; shoppers see the change at the next snapshot. */
export async function updateShop(
  deps: Deps,
  options: { access: ShopAccess; input: UpdateShopInput },
): Promise<ShopRow> {
  const { access, input } = options;
  if (
    input.currency !== undefined &&
    input.currency !== access.shop.currency &&
    (await access.repos.products.count()) > 0
  ) {
    throw new DomainError("conflict", "The currency cannot change once the shop has products with prices", {
      errors: [{ path: "currency", message: "Remove or re-price the products first" }],
    });
  }
  if (input.paymentMethods !== undefined) {
    // Only turning a method on is refused: one the shop had before a move to a smaller plan may stay
    // ticked (checkout no longer offers it), so saving other settings never fails because of it.
    const turningOn = input.paymentMethods.filter((method) => !access.shop.paymentMethods.includes(method));
    const plan = await planOf(deps, access.shop);
    const outside = methodsOutsidePlan(plan, turningOn);
    if (outside.length > 0) {
      throw planLimitError({
        limit: "payment_methods",
        plan,
        allowed: [...plan.paymentMethods],
        used: outside,
        path: "paymentMethods",
        contact: deps.config.operatorContactEmail || undefined,
      });
    }
  }
  if (input.logoMediaId && !(await access.repos.media.get(input.logoMediaId))) {
    throw new DomainError("validation_failed", "The logo must be one of this shop's photos", {
      errors: [{ path: "logoMediaId", message: "Upload the logo first, then use its id" }],
    });
  }
  if (input.themePreset !== undefined || input.themeTokens !== undefined) {
    // Tokens replace the saved ones as a whole; a new preset alone keeps the owner's colours.
    const preset = input.themePreset ?? access.shop.themePreset;
    const check = checkThemeContrast(preset, input.themeTokens ?? access.shop.themeTokens);
    if (!check.canSave) {
      throw new DomainError(
        "validation_failed",
        `The text colour reads at ${check.text.ratio}:1 on the background; it needs at least 4.5:1`,
        { errors: [{ path: "themeTokens.text", message: "Too hard to read on this background" }] },
      );
    }
  }
  const updated = await platform(deps.database.db).shops.updateSettings(access.shop.id, input, deps.clock.now());
  if (!updated) throw new DomainError("shop_not_found", "The shop is gone");
  return updated;
}

/** Puts a shop on (or takes it off) the storefront. */
export async function setShopPublished(deps: Deps, options: { access: ShopAccess; isPublished: boolean }) {
  const updated = await platform(deps.database.db).shops.setPublished(
    options.access.shop.id,
    options.isPublished,
    deps.clock.now(),
  );
  if (!updated) throw new DomainError("shop_not_found", "The shop is gone");
  return updated;
}
