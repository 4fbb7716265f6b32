import { isIPv6 } from "node:net";

// A DNS name (letters, digits, hyphens, dots; underscores too, which some internal service names use),
// or a bracketed IPv6 literal, then an optional port. Browsers send international names as punycode.
const HOST_PATTERN = /^(?:([A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,252}))|\[([0-9A-Fa-f:.]{2,45})\])(?::(\d{1,5}))?$/;

/**
 * True for a Host header a browser, proxy or health check could send: a host name, an IPv4 address or a
 * bracketed IPv6 address, with an optional port. Everything else (empty, spaces, `user@`, paths, raw
 * unicode, a port over 65535) is refused at the edge, before a URL is built from it.
 * @example isValidHostHeader("demo.localhost:4321") // true
 * @example isValidHostHeader("evil@demo.localhost") // false
 */
export function isValidHostHeader(host: string | undefined): boolean {
  if (!host) return false;
  const match = HOST_PATTERN.exec(host);
  if (!match) return false;
  const [, name, ipv6, port] = match;
  if (name?.includes("..")) return false;
  if (ipv6 !== undefined && !isIPv6(ipv6)) return false;
  return port === undefined || Number(port) <= 65535;
}
