import { describe, expect, it } from "vitest";
import { escapeXml, robotsTxt, sitemapXml } from "./sitemap.ts";

describe("sitemapXml", () => {
  it("lists URLs with lastmod and alternates, escaped", () => {
    const xml = sitemapXml([
      { loc: "http://x/" },
      {
        loc: "http://x/products/a&b",
        lastmod: Date.UTC(2026, 10, 27),
        alternates: [{ hreflang: "zh-CN", href: "http://x/products/a&b?lang=zh-CN" }],
      },
    ]);
    expect(xml).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<urlset xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9"/,
    );
    expect(xml).toContain("<url><loc>http://x/</loc></url>");
    expect(xml).toContain(
      '<url><loc>http://x/products/a&amp;b</loc><lastmod>2026-11-27T00:00:00.000Z</lastmod><xhtml:link rel="alternate" hreflang="zh-CN" href="http://x/products/a&amp;b?lang=zh-CN"/></url>',
    );
  });
});

describe("escapeXml", () => {
  it("escapes the five XML characters", () => {
    expect(escapeXml(`<a href="x">&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
  });
});

describe("robotsTxt", () => {
  it("allows everything and names the sitemap", () => {
    expect(robotsTxt("http://x/sitemap.xml")).toBe("User-agent: *\nAllow: /\n\nSitemap: http://x/sitemap.xml\n");
  });
});
