import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * A link that shows an unpublished shop to whoever holds it, until it expires: `expiry.signature`,
 * the signature an HMAC-SHA256 of the shop id and expiry under the server's secret key. Nothing is
 * stored; changing SECRET_KEY revokes every link.
 */
export function signPreviewToken(secretKey: string, shopId: string, expiresAt: number): string {
  const signature = createHmac("sha256", secretKey).update(`preview:${shopId}:${expiresAt}`).digest("base64url");
  return `${expiresAt.toString(36)}.${signature}`;
}

export function isValidPreviewToken(secretKey: string, shopId: string, token: string, now: number): boolean {
  const [expiryText, signature] = token.split(".");
  if (!expiryText || !signature) return false;
  const expiresAt = Number.parseInt(expiryText, 36);
  if (!Number.isSafeInteger(expiresAt) || expiresAt <= now) return false;
  const expected = Buffer.from(signPreviewToken(secretKey, shopId, expiresAt).split(".")[1] ?? "");
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
