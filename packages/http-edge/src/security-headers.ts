import { createHash } from "node:crypto";

/**
 * One year, this host only. No `includeSubDomains`: a shop's custom domain may have other sub-domains its
 * owner serves over plain HTTP, and a root domain's shops are separate sites. No `preload`: that is a
 * promise an operator makes, not the software.
 */
export const HSTS = "max-age=31536000";

type HeaderValue = string | string[] | null | undefined;

/** The first value of an X-Forwarded-* header (a proxy chain appends, the client's hop is first). */
function firstForwarded(value: HeaderValue): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text?.split(",")[0]?.trim().toLowerCase() || undefined;
}

/**
 * True when the client reached us over HTTPS: the connection itself is TLS, or a proxy we trust says so in
 * X-Forwarded-Proto. Browsers ignore Strict-Transport-Security on a plain-HTTP response (RFC 6797 8.1), so
 * a forged header on plain HTTP gains nothing.
 */
export function isHttpsRequest(options: {
  isEncrypted: boolean;
  forwardedProto: HeaderValue;
  trustProxy: boolean;
}): boolean {
  if (options.isEncrypted) return true;
  return options.trustProxy && firstForwarded(options.forwardedProto) === "https";
}

/**
 * `Strict-Transport-Security` for a Node request that came over HTTPS, else nothing: for the Astro
 * apps' servers, which do not end TLS themselves and so take X-Forwarded-Proto from their proxy.
 */
export function hstsFor(
  request: { socket: { encrypted?: boolean }; headers: { "x-forwarded-proto"?: HeaderValue } },
  trustProxy: boolean,
): { "Strict-Transport-Security"?: string } {
  const isHttps = isHttpsRequest({
    isEncrypted: Boolean(request.socket.encrypted),
    forwardedProto: request.headers["x-forwarded-proto"],
    trustProxy,
  });
  return isHttps ? { "Strict-Transport-Security": HSTS } : {};
}

/** A CSP source for exactly this inline block. */
export function hashSource(text: string): string {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

/** The contents of a page's inline `<style>` elements and executable inline `<script>` elements. */
export function inlineBlocks(html: string): { styles: string[]; scripts: string[] } {
  const styles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map((match) => match[1] ?? "");
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
    .filter((match) => !/\bsrc=/i.test(match[1] ?? "") && !/type="application\/(ld\+)?json"/i.test(match[1] ?? ""))
    .map((match) => match[2] ?? "");
  return { styles, scripts };
}

/** The policy for anything that is not a page (JSON, SVG, XML, text, files): it may load and run nothing. */
export const RESOURCE_POLICY = "default-src 'none'; frame-ancestors 'none'";

/**
 * A strict policy for a server-rendered page: nothing by default; scripts from this origin plus the exact
 * inline blocks the page was rendered with (by hash), so injected markup cannot run or restyle; images,
 * fetches and form posts only where named.
 */
export function pagePolicy(
  html: string,
  options: { imageOrigins?: string[]; connectOrigins?: string[]; formActionOrigins?: string[] } = {},
): string {
  const { styles, scripts } = inlineBlocks(html);
  const unique = (values: string[]) => [...new Set(values)];
  return [
    "default-src 'none'",
    `script-src ${unique(["'self'", ...scripts.map(hashSource)]).join(" ")}`,
    `style-src ${unique(styles.map(hashSource)).join(" ") || "'none'"}`,
    `img-src ${unique(["'self'", "data:", ...(options.imageOrigins ?? [])]).join(" ")}`,
    `connect-src ${unique(["'self'", ...(options.connectOrigins ?? [])]).join(" ")}`,
    `form-action ${unique(["'self'", ...(options.formActionOrigins ?? [])]).join(" ")}`,
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}
