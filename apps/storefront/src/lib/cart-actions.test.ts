import { describe, expect, it } from "vitest";
import type { Cart, CartApi, CartReply } from "./api.ts";
import { addToCart, openCart, removeLine, updateLine } from "./cart-actions.ts";

/** An in-memory cart API with the real one's rules: stock per variant, `available` as the real one says it. */
function fakeCartApi(stock: Record<string, number>) {
  const carts = new Map<string, Cart>();
  let ids = 0;
  const view = (cart: Cart): CartReply => ({
    ok: true,
    cart: { ...cart, itemCount: cart.lines.reduce((sum, line) => sum + line.quantity, 0), lines: [...cart.lines] },
  });
  const problem = (status: number, code: string, available?: number): CartReply => ({
    ok: false,
    problem: {
      type: "about:blank",
      title: code,
      status,
      code,
      detail: code,
      ...(available === undefined ? {} : { available }),
    },
  });
  const api: CartApi = {
    create: async () => {
      ids += 1;
      const cart: Cart = { id: `cart_${ids}`, currency: "USD", itemCount: 0, subtotal: 0, lines: [] };
      carts.set(cart.id, cart);
      return view(cart);
    },
    get: async (_host, cartId) => {
      const cart = carts.get(cartId);
      return cart ? view(cart) : problem(404, "not_found");
    },
    addLine: async (_host, cartId, variantId, quantity) => {
      const cart = carts.get(cartId);
      if (!cart) return problem(404, "not_found");
      const left = stock[variantId];
      if (left === undefined) return problem(404, "not_found");
      const line = cart.lines.find((candidate) => candidate.variantId === variantId);
      const already = line?.quantity ?? 0;
      if (already + quantity > left) return problem(409, "insufficient_stock", Math.max(0, left - already));
      if (already + quantity > 99) return problem(422, "validation_failed");
      if (line) line.quantity += quantity;
      else cart.lines.push({ id: `line_${variantId}`, variantId, quantity } as Cart["lines"][number]);
      return view(cart);
    },
    setQuantity: async (_host, cartId, lineId, quantity) => {
      const cart = carts.get(cartId);
      const line = cart?.lines.find((candidate) => candidate.id === lineId);
      if (!cart || !line) return problem(404, "not_found");
      if (quantity > (stock[line.variantId] ?? 0)) return problem(409, "insufficient_stock", stock[line.variantId]);
      if (quantity === 0) cart.lines = cart.lines.filter((candidate) => candidate !== line);
      else line.quantity = quantity;
      return view(cart);
    },
    removeLine: async (_host, cartId, lineId) => {
      const cart = carts.get(cartId);
      if (!cart) return problem(404, "not_found");
      cart.lines = cart.lines.filter((line) => line.id !== lineId);
      return view(cart);
    },
  };
  return { api, carts };
}

const host = "demo.localhost";

describe("openCart", () => {
  it("keeps a cart that exists and starts one for none or an expired one", async () => {
    const { api } = fakeCartApi({});
    const first = await openCart(api, host, undefined);
    expect((await openCart(api, host, first.id)).id).toBe(first.id);
    expect((await openCart(api, host, "cart_gone")).id).not.toBe(first.id);
  });
});

describe("addToCart", () => {
  it("adds to a new cart", async () => {
    const { api } = fakeCartApi({ honey: 5 });
    const outcome = await addToCart(api, host, undefined, "honey", 2);
    expect(outcome.notice).toBeUndefined();
    expect(outcome.cart.itemCount).toBe(2);
  });

  it("puts in what there is when asked for more, and says how many", async () => {
    const { api } = fakeCartApi({ honey: 2 });
    const outcome = await addToCart(api, host, undefined, "honey", 5);
    expect(outcome).toMatchObject({ notice: "limited", left: 2, cart: { itemCount: 2 } });
  });

  it("counts what the cart already holds", async () => {
    const { api } = fakeCartApi({ honey: 3 });
    const first = await addToCart(api, host, undefined, "honey", 1);
    const second = await addToCart(api, host, first.cart.id, "honey", 5);
    expect(second).toMatchObject({ notice: "limited", left: 3, cart: { itemCount: 3 } });
    const third = await addToCart(api, host, first.cart.id, "honey", 1);
    expect(third).toMatchObject({ notice: "limited", left: 3, cart: { itemCount: 3 } });
  });

  it.each([
    [{ honey: 0 }, "honey", 1, "sold-out"],
    [{ honey: 5 }, "jam", 1, "unavailable"],
    [{ honey: 500 }, "honey", 100, "too-many"],
  ])("with stock %j, adding %s x%d says %s", async (stock, variantId, quantity, notice) => {
    const { api } = fakeCartApi(stock);
    expect((await addToCart(api, host, undefined, variantId, quantity)).notice).toBe(notice);
  });
});

describe("updateLine and removeLine", () => {
  it("sets a quantity, caps it at the stock, and removes at zero", async () => {
    const { api } = fakeCartApi({ honey: 4 });
    const { cart } = await addToCart(api, host, undefined, "honey", 1);
    expect((await updateLine(api, host, cart.id, "line_honey", 3)).cart?.itemCount).toBe(3);
    expect(await updateLine(api, host, cart.id, "line_honey", 9)).toMatchObject({
      notice: "limited",
      left: 4,
      cart: { itemCount: 4 },
    });
    expect((await updateLine(api, host, cart.id, "line_honey", 0)).cart?.lines).toEqual([]);
  });

  it("says a line is gone rather than failing", async () => {
    const { api } = fakeCartApi({ honey: 4 });
    const { cart } = await addToCart(api, host, undefined, "honey", 1);
    expect(await updateLine(api, host, cart.id, "line_jam", 2)).toMatchObject({ notice: "gone" });
    expect(await updateLine(api, host, undefined, "line_jam", 2)).toEqual({ cart: undefined, notice: "gone" });
    expect((await removeLine(api, host, cart.id, "line_honey"))?.lines).toEqual([]);
    expect(await removeLine(api, host, "cart_gone", "line_honey")).toBeUndefined();
  });
});
