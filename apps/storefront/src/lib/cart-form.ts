import type { Snapshot } from "./snapshot.ts";
import { variantByOptions } from "./variant.ts";

/** At most this many of one thing per line (the API's limit too); the API has the final say on stock. */
export const MAX_FORM_QUANTITY = 99;

/**
 * A quantity typed into a form: a whole number from `min` to MAX_FORM_QUANTITY, or undefined.
 * @example parseQuantity("2") // 2
 */
export function parseQuantity(value: FormDataEntryValue | null, min = 1): number | undefined {
  if (typeof value !== "string" || !/^\s*\d{1,6}\s*$/.test(value)) return undefined;
  const quantity = Number(value);
  return quantity >= min && quantity <= MAX_FORM_QUANTITY ? quantity : undefined;
}

export type AddToCartRequest =
  | { kind: "ok"; productSlug: string; variantId: string; quantity: number }
  | { kind: "unknown-product" }
  | { kind: "choose"; productSlug: string };

/**
 * Reads an add-to-cart form: `product` (slug), then either `variant` (id) or `option1`..`option3`
 * (values, the way the radios post without JavaScript), and `quantity` (1 when missing or odd).
 */
export function parseAddToCart(form: FormData, snapshot: Pick<Snapshot, "products">): AddToCartRequest {
  const slug = form.get("product");
  const product = snapshot.products.find((candidate) => candidate.slug === slug);
  if (!product) return { kind: "unknown-product" };
  const variantId = form.get("variant");
  const values = product.options.map((_, index) => form.get(`option${index + 1}`));
  const byOptions = values.every((value) => typeof value === "string")
    ? variantByOptions(product, values as string[])
    : undefined;
  const variant =
    byOptions ??
    product.variants.find((candidate) => candidate.id === variantId) ??
    (product.variants.length === 1 ? product.variants[0] : undefined);
  if (!variant) return { kind: "choose", productSlug: product.slug };
  return {
    kind: "ok",
    productSlug: product.slug,
    variantId: variant.id,
    quantity: parseQuantity(form.get("quantity")) ?? 1,
  };
}

/** Messages a product page shows after a form post that could not add everything. */
export const NOTICES = ["limited", "sold-out", "unavailable", "choose", "too-many", "try-again", "paused"] as const;
export type Notice = (typeof NOTICES)[number];

/** The notice named in a URL (`?notice=limited&left=2`), only from the closed list above. */
export function noticeFrom(url: URL): { notice: Notice; left: number } | undefined {
  const notice = url.searchParams.get("notice");
  if (!(NOTICES as readonly string[]).includes(notice ?? "")) return undefined;
  const left = parseQuantity(url.searchParams.get("left"), 0) ?? 0;
  return { notice: notice as Notice, left };
}
