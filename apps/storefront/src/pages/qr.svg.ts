import type { APIRoute } from "astro";
import { qrSvgResponse } from "../lib/qr.ts";
import { requireShop } from "../lib/shop-context.ts";

/** A QR code of the shop's address, for posters and the market stall. */
export const GET: APIRoute = async ({ locals, url }) => {
  const { snapshot } = requireShop(locals);
  return qrSvgResponse(snapshot.shop.url, url, snapshot.version);
};
