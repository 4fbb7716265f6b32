// Owners, shops and orders for dashboard tests, made the way people make them: through the dashboard's
// own forms (sign-up, onboarding) and the storefront's API (a buyer's order).
import { createApiClient } from "@stall/api-client";
import sharp from "sharp";
import { expect } from "vitest";
import { Browser, type Stack } from "./stack.ts";

export const password = "noodles every saturday";

let counter = 0;
let orders = 0;
export const uniqueEmail = (name: string) => `${name}-${++counter}-${process.pid}@example.test`;

/** A phone-camera stand-in: a real JPEG made with sharp. */
export const photo = () =>
  sharp({ create: { width: 640, height: 480, channels: 3, background: "#d08c3a" } })
    .jpeg()
    .toBuffer()
    .then((bytes) => new Blob([new Uint8Array(bytes)], { type: "image/jpeg" }));

/** "/reset-password?token=…" from "http://localhost:1234/reset-password?token=…". */
export const pathOf = (link: string) => {
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
};

export function apiAs(stack: Stack, token?: string) {
  return createApiClient({ baseUrl: stack.apiUrl, ...(token ? { token } : {}) });
}

export function sessionToken(browser: Browser): string {
  return browser.cookies.get("stall_session") ?? "";
}

export type Owner = { browser: Browser; email: string; shopId: string };

/** A new owner, signed up through the dashboard, with a shop at the product step. */
export async function newOwner(stack: Stack, shopName = "Mei's Noodles"): Promise<Owner> {
  const browser = new Browser(stack.dashboardUrl);
  const email = uniqueEmail("owner");
  const signedUp = await browser.post("/sign-up", { name: "Mei", email, password });
  expect(signedUp.status).toBe(303);
  const created = await browser.post("/new-shop", { name: shopName, slug: "", currency: "CNY" });
  expect(created.status).toBe(303);
  const shopId = /\/shops\/([^/]+)\//.exec(created.location ?? "")?.[1] ?? "";
  return { browser, email, shopId };
}

/** A new owner whose shop is published, through every onboarding screen. */
export async function publishedShop(stack: Stack): Promise<Owner> {
  const owner = await newOwner(stack);
  const base = `/shops/${owner.shopId}/setup`;
  expect(
    (await owner.browser.post(`${base}/product`, { photo: await photo(), title: "Noodles", price: "12.50" })).status,
  ).toBe(303);
  expect((await owner.browser.post(`${base}/collect`, { placeName: "Stall", address: "Saturday market" })).status).toBe(
    303,
  );
  expect((await owner.browser.post(`${base}/publish`, { do: "publish" })).location).toBe(
    `/shops/${owner.shopId}/share`,
  );
  return owner;
}

/** A buyer's pay-at-pickup order for the shop's first product, placed through the storefront's API. */
export async function placeOrder(stack: Stack, owner: Owner, quantity = 1): Promise<void> {
  const api = apiAs(stack, sessionToken(owner.browser));
  const path = { shopId: owner.shopId };
  const shop = (await api.GET("/v1/shops/{shopId}", { params: { path } })).data;
  const products = (await api.GET("/v1/shops/{shopId}/products", { params: { path } })).data;
  const points = (await api.GET("/v1/shops/{shopId}/pickup-points", { params: { path } })).data;
  const placed = await apiAs(stack).POST("/v1/storefront/{host}/checkouts", {
    params: {
      path: { host: new URL(shop?.url ?? "").hostname },
      header: { "idempotency-key": `order-${process.pid}-${++orders}` },
    },
    body: {
      lines: [{ variantId: products?.items[0]?.variants[0]?.id ?? "", quantity }],
      buyer: { name: "Ana", email: "ana@example.test", phone: "+86 138 0000 0000" },
      fulfilment: { type: "pickup", pickupPointId: points?.items[0]?.id ?? "" },
      paymentMethod: "pay_at_pickup",
    },
  });
  expect(placed.error).toBeUndefined();
}
