import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isPrivatePath } from "./cache-policy.ts";
import { isCrossSiteRequest } from "./csrf.ts";
import { inlineBlocks, pagePolicy } from "./security-headers.ts";

const headers = (values: Record<string, string>) => new Headers(values);

describe("isCrossSiteRequest", () => {
  it.each([
    [{ "sec-fetch-site": "same-origin" }, "demo.localhost:4321", false],
    [{ "sec-fetch-site": "cross-site", origin: "http://demo.localhost:4321" }, "demo.localhost:4321", true],
    [{ "sec-fetch-site": "same-site" }, "demo.localhost:4321", true],
    [{ "sec-fetch-site": "none" }, "demo.localhost:4321", true],
    [{ origin: "http://demo.localhost:4321" }, "demo.localhost:4321", false],
    [{ origin: "https://Shop.Example" }, "shop.example", false],
    [{ origin: "https://shop.example" }, "shop.example:443", false],
    [{ origin: "http://evil.example" }, "demo.localhost:4321", true],
    [{ origin: "http://demo.localhost:4322" }, "demo.localhost:4321", true],
    [{ origin: "null" }, "demo.localhost:4321", true],
    [{}, "demo.localhost:4321", true],
    [{ origin: "http://demo.localhost:4321" }, null, true],
  ])("%j to %s is cross-site: %s", (values, host, expected) => {
    expect(isCrossSiteRequest(headers(values), host)).toBe(expected);
  });
});

describe("pagePolicy", () => {
  const hash = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
  const html = `<style>:root{--bg:#fff}</style><style>body{margin:0}</style>
<script type="application/ld+json">{"@type":"Product"}</script>
<script type="module" src="/_astro/cart.js"></script>
<script>console.log(1)</script>`;

  it("finds inline styles and executable inline scripts, not data blocks or external scripts", () => {
    expect(inlineBlocks(html)).toEqual({
      styles: [":root{--bg:#fff}", "body{margin:0}"],
      scripts: ["console.log(1)"],
    });
  });

  it("allows exactly the page's own inline blocks by hash", () => {
    const policy = pagePolicy(html, ["http://localhost:8787"]);
    expect(policy).toContain(`style-src ${hash(":root{--bg:#fff}")} ${hash("body{margin:0}")}`);
    expect(policy).toContain(`script-src 'self' ${hash("console.log(1)")}`);
    expect(policy).toContain("img-src 'self' data: http://localhost:8787");
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toContain("unsafe-inline");
  });

  it("allows no styles on a page without any", () => {
    expect(pagePolicy("<p>hi</p>")).toContain("style-src 'none'");
  });

  it("lets forms post to the shop only, plus a page's payment page it redirects on to", () => {
    expect(pagePolicy("<p>hi</p>")).toContain("form-action 'self';");
    expect(pagePolicy("<p>hi</p>", [], ["https://checkout.stripe.com"])).toContain(
      "form-action 'self' https://checkout.stripe.com;",
    );
  });
});

describe("isPrivatePath", () => {
  it.each([
    ["/cart", true],
    ["/cart/add", true],
    ["/checkout", true],
    ["/orders/ord_1", true],
    ["/cartography", false],
    ["/products/cart", false],
    ["/", false],
  ])("%s: %s", (path, expected) => {
    expect(isPrivatePath(path)).toBe(expected);
  });
});
