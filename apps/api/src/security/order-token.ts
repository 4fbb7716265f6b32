import { createHash, createHmac, createSecretKey, type KeyObject, timingSafeEqual } from "node:crypto";

/** The server key as a key object, and the tokens it made lately by order id (decision 057). */
let made: { secretKey: string; key: KeyObject; tokens: Map<string, string> } | undefined;
/** A checkout asks for its order's token three times (the row, the email, the answer) within moments. */
const MAX_REMEMBERED = 1024;

/**
 * The secret in a buyer's order link. Derived from the order id under the server key, so the same
 * order always has the same link (an idempotent retry can give it again) and nothing secret is stored
 * beyond its hash.
 */
export function orderToken(secretKey: string, orderId: string): string {
  if (made?.secretKey !== secretKey) made = { secretKey, key: createSecretKey(secretKey, "utf8"), tokens: new Map() };
  let token = made.tokens.get(orderId);
  if (token === undefined) {
    token = createHmac("sha256", made.key).update(`order:${orderId}`).digest("base64url").slice(0, 32);
    if (made.tokens.size >= MAX_REMEMBERED) made.tokens.clear();
    made.tokens.set(orderId, token);
  }
  return token;
}

export function orderTokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function isOrderToken(secretKey: string, orderId: string, token: string): boolean {
  const expected = Buffer.from(orderToken(secretKey, orderId));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
