import { describe, expect, it } from "vitest";
import { listPath, parseTag, tagsOf, withTag } from "./tags.ts";

const products = [
  { id: "a", tags: ["Tea", "Gift"] },
  { id: "b", tags: ["tea"] },
  { id: "c", tags: ["Noodles", "茶"] },
  { id: "d", tags: [] },
];

describe("tags on the storefront", () => {
  it("lists each tag once, most used first, spelt as first seen", () => {
    expect(tagsOf(products)).toEqual(["Tea", "Gift", "Noodles", "茶"]);
    expect(tagsOf(products, 2)).toEqual(["Tea", "Gift"]);
  });
  it("filters by a tag in any case, and keeps everything without one", () => {
    expect(withTag(products, "TEA").map((product) => product.id)).toEqual(["a", "b"]);
    expect(withTag(products, "茶").map((product) => product.id)).toEqual(["c"]);
    expect(withTag(products, "nothing")).toEqual([]);
    expect(withTag(products, undefined)).toHaveLength(4);
  });
  it("reads ?tag= and builds list addresses that keep it", () => {
    expect(parseTag(null)).toBeUndefined();
    expect(parseTag("  ")).toBeUndefined();
    expect(parseTag(" Tea ")).toBe("Tea");
    expect(listPath("/collections/tea", {})).toBe("/collections/tea");
    expect(listPath("/collections/tea", { tag: "Green tea", page: 2 })).toBe("/collections/tea?tag=Green+tea&page=2");
    expect(listPath("/", { tag: "茶", page: 1 })).toBe("/?tag=%E8%8C%B6");
  });
});
