import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/**
 * The secret in a buyer's order link. Derived from the order id under the server key, so the same
 * order always has the same link (an idempotent retry can give it again) and nothing secret is stored
 * beyond its hash.
 */
export function orderToken(secretKey: string, orderId: string): string {
  return createHmac("sha256", secretKey).update(`order:${orderId}`).digest("base64url").slice(0, 32);
}

export function orderTokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function isOrderToken(secretKey: string, orderId: string, token: string): boolean {
  const expected = Buffer.from(orderToken(secretKey, orderId));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
