// Whose request is this: the address sign-in throttling and the storefront's per-IP limits count by.
// Stall's own front ends (the storefront, the dashboard) talk to the API from their servers, so their
// socket is every person's; each forwards the person's address in a header the API believes only with
// the shared secret (STOREFRONT_SECRET) beside it. Anything else is the socket's address, or the
// X-Forwarded-For hop a trusted proxy added (TRUST_PROXY): the last, as earlier ones are the client's word.
import { createHash, timingSafeEqual } from "node:crypto";
import { isIP } from "node:net";
import { getConnInfo } from "@hono/node-server/conninfo";
import { clientAddress } from "@stall/http-edge";
import type { Context } from "hono";
import type { Deps } from "../deps.ts";
import type { AppEnv } from "./app-env.ts";

/** The person's address as a Stall front end saw it; believed only with the secret beside it. */
export const CLIENT_IP_HEADER = "X-Stall-Client-Ip";
export const FRONT_END_SECRET_HEADER = "X-Stall-Storefront-Secret";

/** The address of the person behind the request. */
export function requestIp(deps: Deps, c: Context<AppEnv>): string {
  const forwarded = c.req.header(CLIENT_IP_HEADER)?.trim();
  if (
    forwarded &&
    isIP(forwarded) !== 0 &&
    sameSecret(deps.config.storefrontSecret, c.req.header(FRONT_END_SECRET_HEADER))
  ) {
    return forwarded;
  }
  let socketIp: string | undefined;
  try {
    socketIp = getConnInfo(c).remote.address;
  } catch {
    socketIp = undefined; // app.request() in tests has no socket
  }
  return clientIp(deps, c.req.header("X-Forwarded-For"), socketIp);
}

/** The client's IP: the socket's, or the hop a trusted proxy added to X-Forwarded-For (the last). */
export function clientIp(deps: Deps, forwardedFor: string | undefined, socketIp: string | undefined): string {
  return clientAddress({ trustProxy: deps.config.trustProxy, forwardedFor, socket: socketIp }) ?? "unknown";
}

/** The secret's own digest, made once: only the given side is hashed per request. */
let expectedDigest: { secret: string; digest: Buffer } | undefined;
const sha256 = (value: string) => createHash("sha256").update(value).digest();

function sameSecret(expected: string, given: string | undefined): boolean {
  if (!expected || !given) return false;
  // Both sides hashed, so the comparison takes the same time whatever the lengths.
  if (expectedDigest?.secret !== expected) expectedDigest = { secret: expected, digest: sha256(expected) };
  return timingSafeEqual(expectedDigest.digest, sha256(given));
}
