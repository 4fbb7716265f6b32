type HeaderReader = { get(name: string): string | null };

/**
 * True when a state-changing request did not come from the shop's own pages: browsers say so in
 * `Sec-Fetch-Site`; older ones send `Origin`, which must name this host. A request with neither is
 * refused too (every browser that posts a form sends one of them).
 */
export function isCrossSiteRequest(headers: HeaderReader, host: string | null): boolean {
  const site = headers.get("sec-fetch-site");
  if (site) return site !== "same-origin";
  const origin = headers.get("origin");
  if (!origin || origin === "null" || !host) return true;
  try {
    const from = new URL(origin);
    // Read the Host with the Origin's scheme, so a default port written out (":443") still matches.
    return from.host !== new URL(`${from.protocol}//${host}`).host;
  } catch {
    return true;
  }
}
