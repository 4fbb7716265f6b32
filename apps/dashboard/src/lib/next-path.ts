/**
 * Where to send someone after they sign in: only a path on this site. Anything else (another site,
 * a protocol-relative `//evil.test`, a backslash trick, control characters) falls back to `fallback`,
 * so a crafted sign-in link cannot send an owner to a look-alike page.
 * @example safeNextPath("/shops/shop_1/orders?x=1") // "/shops/shop_1/orders?x=1"
 * @example safeNextPath("//evil.test/") // "/"
 */
export function safeNextPath(value: string | null | undefined, fallback = "/"): string {
  if (!value || value.length > 2000) return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we refuse
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  // Resolve against a dummy origin: if the result leaves it, the value was not a plain path.
  const resolved = new URL(value, "http://dashboard.invalid");
  if (resolved.origin !== "http://dashboard.invalid") return fallback;
  // Never come back to the sign-in or sign-out pages themselves.
  if (["/sign-in", "/sign-out"].includes(resolved.pathname)) return fallback;
  return `${resolved.pathname}${resolved.search}`;
}

/** The sign-in page's address that brings the person back to `path` afterwards. */
export function signInPath(path: string, options: { expired?: boolean } = {}): string {
  const next = safeNextPath(path, "");
  const query = new URLSearchParams();
  if (next && next !== "/") query.set("next", next);
  if (options.expired) query.set("expired", "1");
  const search = query.toString();
  return search ? `/sign-in?${search}` : "/sign-in";
}
