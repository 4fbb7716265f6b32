// Who may read /metrics (decision 023). The figures name no shop and no person, but they tell how busy
// the platform is and how it is built, so they are not for everybody: with METRICS_TOKEN set, anyone
// sending `Authorization: Bearer <token>` (Prometheus's `authorization` or `bearer_token_file`); without
// it, only a scraper on the same machine that talks to the process directly.
import { createHash, timingSafeEqual } from "node:crypto";

/** What to answer a request for /metrics: the figures, 401 (a token is set and this is not it), or 404. */
export type MetricsDoor = "open" | "unauthorized" | "hidden";

/** Headers a proxy adds: a request carrying one came through a proxy, whatever its socket says. */
const FORWARDING_HEADERS = ["x-forwarded-for", "forwarded", "x-real-ip"] as const;

function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const bare = address.replace(/^::ffff:/i, "");
  return bare === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare);
}

function sameToken(expected: string, given: string): boolean {
  // Hash both sides so the comparison takes the same time whatever the lengths.
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(expected), digest(given));
}

/**
 * Decides a request for /metrics. `token` is METRICS_TOKEN ("" or undefined when unset);
 * `remoteAddress` the socket's address (undefined when there is no socket, as in tests).
 * Without a token, a loopback socket is not enough on its own: a proxy on the same machine connects
 * from loopback too, so a request with any forwarding header is refused.
 */
export function metricsDoor(request: {
  token: string | undefined;
  authorization: string | null | undefined;
  remoteAddress: string | undefined;
  header: (name: string) => string | null | undefined;
}): MetricsDoor {
  if (request.token) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.authorization ?? "");
    return match?.[1] && sameToken(request.token, match[1]) ? "open" : "unauthorized";
  }
  if (!isLoopback(request.remoteAddress)) return "hidden";
  return FORWARDING_HEADERS.some((name) => request.header(name)) ? "hidden" : "open";
}
