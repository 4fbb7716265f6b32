import { describe, expect, it } from "vitest";
import { MEASURED_SCREEN, pageResources, pickCandidate, slotWidth } from "./page-resources.ts";

describe("slotWidth", () => {
  it.each([
    [undefined, 360],
    ["100vw", 360],
    ["(min-width: 48rem) 50vw, 100vw", 360],
    ["(min-width: 64rem) 25vw, (min-width: 40rem) 33vw, 50vw", 180],
    ["(max-width: 400px) 300px, 50vw", 300],
    ["20rem", 320],
  ])("gives %s on a 360 px screen as %d px", (sizes, width) => {
    expect(slotWidth(sizes, MEASURED_SCREEN)).toBe(width);
  });
});

describe("pickCandidate", () => {
  const srcset = "/a-240.avif 240w, /a-480.avif 480w, /a-720.avif 720w, /a-1200.avif 1200w";
  it("takes the smallest image wide enough for the slot at 2 device pixels per CSS pixel", () => {
    expect(pickCandidate(srcset, 180, MEASURED_SCREEN)).toBe("/a-480.avif");
    expect(pickCandidate(srcset, 360, MEASURED_SCREEN)).toBe("/a-720.avif");
    expect(pickCandidate(srcset, 1000, MEASURED_SCREEN)).toBe("/a-1200.avif");
    expect(pickCandidate("/b.png 1x, /b@2x.png 2x", 100, MEASURED_SCREEN)).toBe("/b@2x.png");
  });
});

describe("pageResources", () => {
  it("lists stylesheets, scripts and one image per picture, once each, without data: URLs", () => {
    const html = `<!doctype html><html><head>
      <link rel="icon" href="data:,"><link rel="stylesheet" href="/_astro/shop.css">
      <link rel="canonical" href="https://demo.example/">
      </head><body>
      <picture><source type="image/avif" srcset="/media/p-240.avif 240w, /media/p-480.avif 480w" sizes="(min-width: 64rem) 25vw, 50vw">
      <source type="image/webp" srcset="/media/p-240.webp 240w"><img src="/media/p-720.jpg" srcset="/media/p-240.jpg 240w" sizes="50vw" loading="lazy"></picture>
      <img src="/media/logo.png" alt="">
      <script type="module" src="/_astro/cart.js"></script><script>inline()</script>
      <link rel="stylesheet" href="/_astro/shop.css">
      </body></html>`;
    expect(pageResources(html)).toEqual([
      "/media/p-480.avif",
      "/_astro/shop.css",
      "/media/logo.png",
      "/_astro/cart.js",
    ]);
  });
});
