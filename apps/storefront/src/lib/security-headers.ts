import { createHash } from "node:crypto";

function sha256(text: string): string {
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

/**
 * The Content-Security-Policy for a page: nothing by default; scripts from the shop's origin plus the
 * exact inline blocks the page was rendered with (by hash), so injected markup cannot run or restyle;
 * images from the shop (which proxies photos) and the API; fetches to the shop only; forms to the shop,
 * plus `formActionOrigins` for a page whose form post may be redirected on (browsers check form-action
 * on every redirect of a form submission: the checkout's 303 to the payment page).
 */
export function pagePolicy(html: string, imageOrigins: string[] = [], formActionOrigins: string[] = []): string {
  const { styles, scripts } = inlineBlocks(html);
  const unique = (values: string[]) => [...new Set(values)];
  return [
    "default-src 'none'",
    `script-src ${unique(["'self'", ...scripts.map(sha256)]).join(" ")}`,
    `style-src ${unique(styles.map(sha256)).join(" ") || "'none'"}`,
    `img-src ${unique(["'self'", "data:", ...imageOrigins]).join(" ")}`,
    "connect-src 'self'",
    `form-action ${unique(["'self'", ...formActionOrigins]).join(" ")}`,
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** The policy for anything that is not a page (SVG, XML, text): it may load and run nothing. */
export const RESOURCE_POLICY = "default-src 'none'; frame-ancestors 'none'";
