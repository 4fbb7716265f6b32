// A buyer's order placed through the API the storefront uses, for tests whose subject is what the owner
// does with it (the storefront's own checkout is tested in buying.e2e and the first-day journey).
import { expect } from "vitest";

let placed = 0;

/** Places a pay-at-pickup order for the shop's first product; answers the order's id. */
export async function placeOrder(options: {
  api: string;
  token: string;
  shopId: string;
  quantity?: number;
  buyerName?: string;
}): Promise<string> {
  const { api, shopId } = options;
  const owner = { authorization: `Bearer ${options.token}` };
  const get = async (path: string) => (await fetch(`${api}${path}`, { headers: owner })).json();
  const shop = (await get(`/v1/shops/${shopId}`)) as { url: string };
  const products = (await get(`/v1/shops/${shopId}/products`)) as { items: { variants: { id: string }[] }[] };
  const points = (await get(`/v1/shops/${shopId}/pickup-points`)) as { items: { id: string }[] };
  const reply = await fetch(`${api}/v1/storefront/${new URL(shop.url).hostname}/checkouts`, {
    method: "POST",
    headers: { "content-type": "application/json", "idempotency-key": `e2e-${Date.now()}-${++placed}` },
    body: JSON.stringify({
      lines: [{ variantId: products.items[0]?.variants[0]?.id, quantity: options.quantity ?? 1 }],
      buyer: { name: options.buyerName ?? "Ana", email: "ana@example.test", phone: "+86 138 0000 0000" },
      fulfilment: { type: "pickup", pickupPointId: points.items[0]?.id },
      paymentMethod: "pay_at_pickup",
    }),
  });
  expect(reply.status).toBe(201);
  return ((await reply.json()) as { order: { id: string } }).order.id;
}
