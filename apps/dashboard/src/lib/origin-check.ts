// Cross-site request forgery (CSRF) protection for every request that can change something.
// The session cookie is SameSite=Lax already, which stops most cross-site POSTs; this check refuses
// the rest whatever the body's type (urlencoded, multipart, JSON, text), which frameworks' built-in
// checks do not (they look at form content types only).

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

/**
 * Whether a state-changing request was sent by a page of this same site.
 * Browsers send `Origin` on every POST; when it is missing (old browsers, some privacy tools) we fall
 * back to `Sec-Fetch-Site`, then to `Referer`. With none of them the request is refused: a real browser
 * on our own form always sends at least one. `host` is the Host the browser addressed (from the request),
 * compared without the scheme so a TLS-terminating proxy in front does not break it.
 */
export function isSameOriginRequest(headers: Headers, host: string): boolean {
  const origin = headers.get("origin");
  if (origin !== null) return origin !== "null" && hostOf(origin) === host.toLowerCase();
  const fetchSite = headers.get("sec-fetch-site");
  if (fetchSite !== null) return fetchSite === "same-origin";
  const referer = headers.get("referer");
  if (referer !== null) return hostOf(referer) === host.toLowerCase();
  return false;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return undefined;
  }
}
