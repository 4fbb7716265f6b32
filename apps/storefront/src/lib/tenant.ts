// A shop slug is one DNS label: lowercase letters, digits and inner hyphens, at most 63 characters.
const slugPattern = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * The shop slug named by a Host header under the root domain, or undefined when there is none.
 * @example shopSlugFromHost("demo.localhost:4321", "localhost") // "demo"
 */
export function shopSlugFromHost(host: string | null | undefined, rootDomain: string): string | undefined {
  const hostname = hostnameOf(host);
  const suffix = `.${rootDomain.toLowerCase()}`;
  if (!hostname?.endsWith(suffix)) return undefined;
  const slug = hostname.slice(0, -suffix.length);
  return slugPattern.test(slug) ? slug : undefined;
}

/**
 * The Host header as the key the storefront asks the API about and caches under: lower case, no
 * trailing dot, the port kept (the API ignores it). Undefined for anything that is not a host name.
 * The API decides which shop, if any, lives there: a sub-domain of the root or a custom domain.
 * @example shopHostKey("Demo.Localhost.:4321") // "demo.localhost:4321"
 */
export function shopHostKey(host: string | null | undefined): string | undefined {
  const parsed = parseHost(host);
  if (!parsed) return undefined;
  const hostname = parsed.hostname.replace(/\.$/, "");
  if (!/^[a-z0-9.-]{1,253}$/.test(hostname) || hostname.startsWith(".")) return undefined;
  return parsed.port ? `${hostname}:${parsed.port}` : hostname;
}

/** The port of a Host header, or an empty string when it names none. */
export function portOf(host: string | null | undefined): string {
  return parseHost(host)?.port ?? "";
}

function hostnameOf(host: string | null | undefined): string | undefined {
  return parseHost(host)?.hostname.replace(/\.$/, "");
}

function parseHost(host: string | null | undefined): URL | undefined {
  if (!host || /[/?#@\\\s]/.test(host)) return undefined;
  try {
    return new URL(`http://${host}`);
  } catch {
    return undefined;
  }
}
