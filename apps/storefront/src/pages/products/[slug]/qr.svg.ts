import type { APIRoute } from "astro";
import { qrSvgResponse } from "../../../lib/qr.ts";
import { requireShop } from "../../../lib/shop-context.ts";
import { absoluteUrl } from "../../../lib/urls.ts";

/** A QR code of one product's address, for a label next to the real thing. */
export const GET: APIRoute = async ({ locals, params, url, rewrite }) => {
  const shop = requireShop(locals);
  const product = shop.product(params.slug ?? "");
  if (!product) return rewrite("/404");
  const target = absoluteUrl(shop.snapshot.shop.url, `/products/${encodeURIComponent(product.slug)}`);
  return qrSvgResponse(target, url, shop.snapshot.version);
};
