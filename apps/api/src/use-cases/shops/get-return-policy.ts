import type { Deps } from "../../deps.ts";
import type { ShopAccess } from "../access.ts";

/** The shop's return policy as search engines get it; null until the owner answers the questions. */
export function getReturnPolicy(_deps: Deps, options: { access: ShopAccess }) {
  return { returnPolicy: options.access.shop.returnPolicy ?? null };
}
