import { platform } from "@stall/db";
import { RESERVED_SLUGS, ShopSlug } from "@stall/domain";
import type { Deps } from "../../deps.ts";

export type ShopAddressCheck = {
  slug: string;
  address: string;
  isAvailable: boolean;
  reason: "taken" | "reserved" | "invalid" | null;
  /** A free address like the one asked for, when that one cannot be had and one can be made from it. */
  suggestion: string | null;
};

/**
 * Whether a shop could open at this web address now (the answer can change before the shop is opened:
 * opening it checks again). A taken address comes with a free one made from it: slug-2, slug-3, ...
 */
export async function checkShopAddress(deps: Deps, slug: string): Promise<ShopAddressCheck> {
  const shops = platform(deps.database.db).shops;
  const address = (value: string) => `${value}.${deps.config.rootDomain}`;
  const answer = (reason: ShopAddressCheck["reason"], suggestion: string | null = null): ShopAddressCheck => ({
    slug,
    address: address(slug),
    isAvailable: reason === null,
    reason,
    suggestion,
  });
  if (RESERVED_SLUGS.has(slug)) return answer("reserved", await firstFree(`${slug}-shop`));
  if (!ShopSlug.safeParse(slug).success) return answer("invalid");
  if (!(await shops.findBySlug(slug))) return answer(null);
  return answer("taken", await firstFree(slug));

  async function firstFree(base: string): Promise<string | null> {
    const stem = base.slice(0, 37).replace(/-+$/, "");
    for (const candidate of [base, ...Array.from({ length: 8 }, (_, index) => `${stem}-${index + 2}`)]) {
      if (ShopSlug.safeParse(candidate).success && !(await shops.findBySlug(candidate))) return candidate;
    }
    return null;
  }
}
