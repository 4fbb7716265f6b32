import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isOrderToken, orderToken } from "./order-token.ts";

const SECRET = "order-token-test-secret-0123456789abcdef";
/** The derivation every emailed link so far was made with: it must never change. */
const derived = (secret: string, orderId: string) =>
  createHmac("sha256", secret).update(`order:${orderId}`).digest("base64url").slice(0, 32);

describe("order tokens", () => {
  it("are the HMAC of the order id under the server key, the same every time", () => {
    const first = orderToken(SECRET, "ord_1");
    expect(first).toBe(derived(SECRET, "ord_1"));
    expect(orderToken(SECRET, "ord_1")).toBe(first);
    expect(first).toHaveLength(32);
    expect(orderToken(SECRET, "ord_2")).not.toBe(first);
  });

  it("follow the key: another key gives other tokens, and back again the first", () => {
    const under = orderToken(SECRET, "ord_1");
    const other = orderToken(`${SECRET}-rotated`, "ord_1");
    expect(other).toBe(derived(`${SECRET}-rotated`, "ord_1"));
    expect(other).not.toBe(under);
    expect(orderToken(SECRET, "ord_1")).toBe(under);
  });

  it("stay right past the number of orders remembered", () => {
    for (let index = 0; index < 2_500; index += 1) {
      expect(orderToken(SECRET, `ord_${index}`)).toBe(derived(SECRET, `ord_${index}`));
    }
    expect(orderToken(SECRET, "ord_7")).toBe(derived(SECRET, "ord_7"));
  });

  it("are checked against the order they were made for only", () => {
    const token = orderToken(SECRET, "ord_1");
    expect(isOrderToken(SECRET, "ord_1", token)).toBe(true);
    expect(isOrderToken(SECRET, "ord_2", token)).toBe(false);
    expect(isOrderToken(SECRET, "ord_1", token.slice(0, 31))).toBe(false);
    expect(isOrderToken(`${SECRET}-rotated`, "ord_1", token)).toBe(false);
  });
});
