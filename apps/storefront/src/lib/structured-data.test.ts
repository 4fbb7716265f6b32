import { describe, expect, it } from "vitest";
import type { Product } from "./snapshot.ts";
import { decimalPrice, jsonForScript, productJsonLd } from "./structured-data.ts";

const product: Product = {
  id: "prd_1",
  slug: "honey",
  title: "Wildflower Honey </script><script>alert(1)</script>",
  descriptionHtml: "<p>Raw &amp; unfiltered.</p>",
  options: [{ name: "Size", values: ["8 oz", "16 oz"] }],
  variants: [
    {
      id: "v1",
      optionValues: ["8 oz"],
      title: "8 oz",
      price: 950,
      compareAtPrice: null,
      availability: "in_stock",
      stockLeft: null,
      isBackorder: false,
      sku: null,
      barcode: null,
    },
    {
      id: "v2",
      optionValues: ["16 oz"],
      title: "16 oz",
      price: 1650,
      compareAtPrice: 1800,
      availability: "low_stock",
      stockLeft: 2,
      isBackorder: false,
      sku: null,
      barcode: null,
    },
    {
      id: "v3",
      optionValues: ["32 oz"],
      title: "32 oz",
      price: 3000,
      compareAtPrice: null,
      availability: "sold_out",
      stockLeft: 0,
      isBackorder: false,
      sku: null,
      barcode: null,
    },
  ],
  vendor: "",
  productType: "",
  tags: [],
  seoTitle: "",
  seoDescription: "",
  condition: "new" as const,
  photos: [
    {
      id: "med_1",
      alt: "",
      width: 1200,
      height: 1200,
      bytes: 1,
      createdAt: 0,
      renditions: [
        { format: "jpeg", width: 720, height: 720, bytes: 1, url: "/media/aa/bb/720.jpg" },
        { format: "jpeg", width: 1200, height: 1200, bytes: 1, url: "/media/aa/bb/1200.jpg" },
      ],
    },
  ],
  updatedAt: 0,
};
const shop = { name: "Fern Hill", url: "http://demo.localhost:4321", currency: "USD" };

describe("productJsonLd", () => {
  const data = productJsonLd(product, shop, "http://demo.localhost:4321/products/honey");

  it("describes the product with an absolute image and the shop as brand", () => {
    expect(data).toMatchObject({
      "@context": "https://schema.org",
      "@type": "Product",
      name: product.title,
      url: "http://demo.localhost:4321/products/honey",
      description: "Raw & unfiltered.",
      image: ["http://demo.localhost:4321/media/aa/bb/1200.jpg"],
      brand: { "@type": "Brand", name: "Fern Hill" },
    });
  });

  it("has an offer per variant with decimal prices and schema.org availability", () => {
    expect(data.offers.map((offer) => [offer.price, offer.priceCurrency, offer.availability, offer.url])).toEqual([
      ["9.50", "USD", "https://schema.org/InStock", "http://demo.localhost:4321/products/honey?variant=v1"],
      [
        "16.50",
        "USD",
        "https://schema.org/LimitedAvailability",
        "http://demo.localhost:4321/products/honey?variant=v2",
      ],
      ["30.00", "USD", "https://schema.org/OutOfStock", "http://demo.localhost:4321/products/honey?variant=v3"],
    ]);
  });

  it("uses the product URL itself for a product with one variant", () => {
    const single = productJsonLd(
      { ...product, variants: product.variants.slice(0, 1) },
      shop,
      "http://x/products/honey",
    );
    expect(single.offers[0]?.url).toBe("http://x/products/honey");
    expect(single.offers[0]).not.toHaveProperty("name");
  });
});

describe("decimalPrice", () => {
  it.each([
    [950, "USD", "9.50"],
    [5, "USD", "0.05"],
    [500, "JPY", "500"],
    [1234, "KWD", "1.234"],
  ])("%d %s is %s", (amount, currency, expected) => {
    expect(decimalPrice(amount, currency)).toBe(expected);
  });
});

describe("jsonForScript", () => {
  it("cannot close the script element and still parses to the same value", () => {
    const text = jsonForScript(productJsonLd(product, shop, "http://x/products/honey"));
    expect(text).not.toContain("</script>");
    expect(text).not.toContain("<");
    expect(JSON.parse(text).name).toBe(product.title);
  });
});
