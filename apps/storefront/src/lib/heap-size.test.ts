import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { heapSizeOf } from "./heap-size.ts";

const run = promisify(execFile);

/** A shop-like tree as JSON: products with variants, English and Chinese text, prices, photos. */
function shopJson(products: number): string {
  return JSON.stringify({
    version: 7,
    generatedAt: 1_790_000_000_000,
    shop: { id: "shop_heap", name: "Heap Street Market", locale: "en", extraLocales: ["zh-CN"], themeTokens: {} },
    products: Array.from({ length: products }, (_, index) => ({
      id: `prd_${index.toString().padStart(8, "0")}`,
      slug: `hand-made-item-${index}`,
      title: `Hand-made item number ${index}`,
      descriptionHtml: `<p>Made by hand at the stall, a few each week (${index}). Ask us about other sizes.</p>`,
      translations: { "zh-CN": { title: `手工制品第 ${index} 号，每周只做几件` } },
      options: [{ name: "Size", values: ["Small", "Large"] }],
      variants: [0, 1].map((variant) => ({
        id: `var_${index}_${variant}_abcdef`,
        optionValues: [variant === 0 ? "Small" : "Large"],
        price: 450 + variant * 100,
        compareAtPrice: null,
        weightKg: 0.25 + variant,
        isBackordered: false,
      })),
      tags: [],
      photos: [{ alt: "", renditions: [{ url: `/media/ab/cd/photo-${index}-640w.webp`, width: 640 }] }],
      updatedAt: 1_790_000_000_000 + index,
    })),
  });
}

describe("heapSizeOf", () => {
  it("counts a string by its characters: twice for text outside Latin-1, nothing for short shared ones", () => {
    expect(heapSizeOf("a".repeat(100))).toBe(16 + 104);
    expect(heapSizeOf("茶".repeat(100))).toBe(16 + 200);
    expect(heapSizeOf("in_stock")).toBe(0);
    expect(heapSizeOf("")).toBe(0);
  });

  it("adds up objects and arrays with their slots, and numbers that are not small integers", () => {
    const leaf = "x".repeat(40);
    expect(heapSizeOf({ a: leaf })).toBe(24 + 8 + heapSizeOf(leaf));
    expect(heapSizeOf([leaf, leaf])).toBe(48 + 16 + 2 * heapSizeOf(leaf));
    expect(heapSizeOf([])).toBe(32);
    expect(heapSizeOf({ n: 42, f: 0.25, t: true, z: null })).toBe(24 + 4 * 8 + 16);
  });

  it("is within a third of what V8 really takes for parsed shop JSON", async () => {
    const text = shopJson(40);
    // The heap V8 grows by for each parsed copy, measured in a fresh process with collections forced.
    const script = `
      const text = process.argv[1]; const copies = [];
      gc(); const before = process.memoryUsage().heapUsed;
      for (let i = 0; i < 200; i++) copies.push(JSON.parse(text));
      gc(); process.stdout.write(String((process.memoryUsage().heapUsed - before) / copies.length));`;
    const { stdout } = await run(process.execPath, ["--expose-gc", "-e", script, text]);
    const measured = Number(stdout);
    const estimated = heapSizeOf(JSON.parse(text));
    expect(measured).toBeGreaterThan(text.length);
    expect(estimated / measured).toBeGreaterThan(0.75);
    expect(estimated / measured).toBeLessThan(1.33);
  });
});
