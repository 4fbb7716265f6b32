// Whose request is this, for per-address limits: the socket's address, or behind a proxy you run
// (TRUST_PROXY), the hop that proxy added to X-Forwarded-For. That is the last one: a proxy such as nginx
// (`$proxy_add_x_forwarded_for`) appends the address it saw to whatever the client sent, so every earlier
// hop is the client's own word and could name anyone.

/**
 * The client's address.
 * @example clientAddress({ trustProxy: true, forwardedFor: "6.6.6.6, 203.0.113.9", socket: "127.0.0.1" }) // "203.0.113.9"
 */
export function clientAddress(request: {
  trustProxy: boolean;
  forwardedFor: string | null | undefined;
  socket: string | undefined;
}): string | undefined {
  if (request.trustProxy && request.forwardedFor) {
    const hops = request.forwardedFor.split(",");
    const last = hops[hops.length - 1]?.trim();
    if (last) return last;
  }
  return request.socket;
}
