import { describe, expect, it } from "vitest";
import type { Product, ShippingRate, Shop } from "./snapshot.ts";
import { decimalPrice, jsonForScript, type ProductJsonLdInput, productJsonLd, variesByOf } from "./structured-data.ts";

const photo = {
  id: "med_1",
  alt: "",
  width: 1200,
  height: 1200,
  bytes: 1,
  createdAt: 0,
  renditions: [
    { format: "jpeg" as const, width: 720, height: 720, bytes: 1, url: "/media/aa/bb/720.jpg" },
    { format: "jpeg" as const, width: 1200, height: 1200, bytes: 1, url: "/media/aa/bb/1200.jpg" },
  ],
};

const variant = (id: string, values: string[], price: number, extra: Partial<Product["variants"][number]> = {}) => ({
  id,
  optionValues: values,
  title: values.join(" / "),
  price,
  compareAtPrice: null,
  availability: "in_stock" as const,
  stockLeft: null,
  sku: null,
  barcode: null,
  isBackordered: false,
  ...extra,
});

const honey: Product = {
  id: "prd_1",
  slug: "honey",
  title: "Wildflower Honey </script><script>alert(1)</script>",
  descriptionHtml: "<p>Raw &amp; unfiltered.</p>",
  vendor: "",
  productType: "",
  tags: [],
  seoTitle: "",
  seoDescription: "",
  condition: "new",
  options: [
    { name: "Size", values: ["8 oz", "16 oz", "32 oz"] },
    { name: "Flavour", values: ["Clover"] },
  ],
  variants: [
    variant("v1", ["8 oz", "Clover"], 950, { sku: "HON-8", barcode: "4006381333931" }),
    variant("v2", ["16 oz", "Clover"], 1650, { availability: "low_stock", stockLeft: 2, barcode: "4006381333932" }),
    variant("v3", ["32 oz", "Clover"], 3000, { availability: "sold_out", stockLeft: 0 }),
    variant("v4", ["64 oz", "Clover"], 5000, { availability: "sold_out", stockLeft: 0, isBackordered: true }),
  ],
  photos: [photo],
  updatedAt: 0,
};

const rate = (extra: Partial<ShippingRate>): ShippingRate => ({
  id: "rate_1",
  name: "Post",
  countries: ["US", "CA"],
  price: 500,
  freeOver: null,
  currency: "USD",
  minDays: 2,
  maxDays: 5,
  isActive: true,
  position: 0,
  minWeightGrams: null,
  maxWeightGrams: null,
  ...extra,
});

const shop: ProductJsonLdInput["shop"] = {
  name: "Fern Hill",
  url: "http://demo.localhost:4321",
  currency: "USD",
  returnPolicy: null,
};

const input = (product: Product, extra: Partial<ProductJsonLdInput> = {}): ProductJsonLdInput => ({
  product,
  name: product.title,
  description: "Raw & unfiltered.",
  url: "http://demo.localhost:4321/products/honey",
  shop,
  shippingRates: [],
  ...extra,
});

const single: Product = {
  ...honey,
  options: [],
  vendor: "Bee Co",
  condition: "used",
  variants: [variant("only", [], 1200, { sku: "JAR-1", barcode: "036000291452" })],
};

/** The JSON-LD of a product without options: one `Product` with one `Offer`. */
type SingleJsonLd = Record<string, unknown> & { offers: Record<string, unknown> };
const singleLd = (value: ProductJsonLdInput) => productJsonLd(value) as unknown as SingleJsonLd;

describe("productJsonLd for a product without options", () => {
  const data = singleLd(input(single));

  it("is a Product with sku, gtin by length, the vendor as brand and an absolute, largest image", () => {
    expect(data).toMatchObject({
      "@context": "https://schema.org",
      "@type": "Product",
      name: single.title,
      url: "http://demo.localhost:4321/products/honey",
      description: "Raw & unfiltered.",
      image: ["http://demo.localhost:4321/media/aa/bb/1200.jpg"],
      sku: "JAR-1",
      gtin12: "036000291452",
      brand: { "@type": "Brand", name: "Bee Co" },
    });
    expect(data).not.toHaveProperty("mpn");
  });

  it("has one Offer at the page's own address with condition and no made-up price end", () => {
    expect(data.offers).toMatchObject({
      "@type": "Offer",
      url: "http://demo.localhost:4321/products/honey",
      price: "12.00",
      priceCurrency: "USD",
      availability: "https://schema.org/InStock",
      itemCondition: "https://schema.org/UsedCondition",
    });
    expect(data.offers).not.toHaveProperty("priceValidUntil");
    expect(data.offers).not.toHaveProperty("shippingDetails");
    expect(data.offers).not.toHaveProperty("hasMerchantReturnPolicy");
  });

  it("falls back to the shop's name as brand and leaves out image when there is no photo", () => {
    const bare = singleLd(input({ ...single, vendor: "  ", photos: [] }));
    expect(bare.brand).toEqual({ "@type": "Brand", name: "Fern Hill" });
    expect(bare).not.toHaveProperty("image");
  });
});

describe("productJsonLd for a product with variants", () => {
  const data = productJsonLd(input(honey)) as Record<string, unknown> & {
    hasVariant: (Record<string, unknown> & { offers: Record<string, unknown> })[];
  };

  it("is a ProductGroup varying by the options schema.org knows, not the others", () => {
    expect(data).toMatchObject({
      "@type": "ProductGroup",
      productGroupID: "prd_1",
      variesBy: ["https://schema.org/size"],
      brand: { "@type": "Brand", name: "Fern Hill" },
    });
    expect(data).not.toHaveProperty("offers");
  });

  it("has a Product per variant with its own name, sku, gtin, image, size and offer", () => {
    expect(data.hasVariant).toHaveLength(4);
    expect(data.hasVariant[0]).toMatchObject({
      "@type": "Product",
      name: `${honey.title} (8 oz / Clover)`,
      url: "http://demo.localhost:4321/products/honey?variant=v1",
      sku: "HON-8",
      gtin13: "4006381333931",
      image: "http://demo.localhost:4321/media/aa/bb/1200.jpg",
      inProductGroupWithID: "prd_1",
      size: "8 oz",
      offers: { price: "9.50", url: "http://demo.localhost:4321/products/honey?variant=v1" },
    });
    expect(data.hasVariant[0]).not.toHaveProperty("Flavour");
  });

  it("leaves out a barcode whose check digit is wrong", () => {
    const second = data.hasVariant[1] ?? {};
    expect(Object.keys(second).filter((key) => key.startsWith("gtin"))).toEqual([]);
  });

  it("says LimitedAvailability, OutOfStock, and BackOrder for a variant the shop keeps selling", () => {
    expect(data.hasVariant.map((entry) => entry.offers.availability)).toEqual([
      "https://schema.org/InStock",
      "https://schema.org/LimitedAvailability",
      "https://schema.org/OutOfStock",
      "https://schema.org/BackOrder",
    ]);
  });
});

describe("variesByOf", () => {
  it.each([
    ["Size", "size"],
    [" colour ", "color"],
    ["Color", "color"],
    ["Material", "material"],
    ["Pattern", "pattern"],
    ["尺码", "size"],
    ["颜色", "color"],
    ["材质", "material"],
    ["图案", "pattern"],
  ])("%s is %s", (name, property) => {
    expect(variesByOf(name)).toBe(property);
  });

  it.each(["规格", "Flavour", "Weight", "口味"])("%s is none of them", (name) => {
    expect(variesByOf(name)).toBeUndefined();
  });
});

describe("shipping and returns", () => {
  it("gives one OfferShippingDetails per rate that names countries, free at the free-over amount", () => {
    const rates = [rate({ freeOver: 1000 }), rate({ id: "rate_2", countries: ["*"] })];
    const cheap = singleLd(input({ ...single, variants: [variant("a", [], 900)] }, { shippingRates: rates }));
    const dear = singleLd(input({ ...single, variants: [variant("a", [], 1000)] }, { shippingRates: rates }));
    expect(cheap.offers).toMatchObject({
      shippingDetails: [
        {
          "@type": "OfferShippingDetails",
          shippingRate: { "@type": "MonetaryAmount", value: "5.00", currency: "USD" },
          shippingDestination: [
            { "@type": "DefinedRegion", addressCountry: "US" },
            { "@type": "DefinedRegion", addressCountry: "CA" },
          ],
          deliveryTime: {
            "@type": "ShippingDeliveryTime",
            transitTime: { "@type": "QuantitativeValue", minValue: 2, maxValue: 5, unitCode: "DAY" },
          },
        },
      ],
    });
    expect((cheap.offers as { shippingDetails: unknown[] }).shippingDetails).toHaveLength(1);
    expect(dear.offers).toMatchObject({ shippingDetails: [{ shippingRate: { value: "0.00" } }] });
  });

  it("describes a finite return window by post, buyer paying, in the countries the shop ships to", () => {
    const data = singleLd(
      input(single, {
        shop: {
          ...shop,
          returnPolicy: { isAccepted: true, days: 30, method: "by_mail", fees: "buyer_pays_shipping", countries: [] },
        },
        shippingRates: [rate({})],
      }),
    );
    expect(data.offers).toMatchObject({
      hasMerchantReturnPolicy: {
        "@type": "MerchantReturnPolicy",
        applicableCountry: ["US", "CA"],
        returnPolicyCategory: "https://schema.org/MerchantReturnFiniteReturnWindow",
        merchantReturnDays: 30,
        returnMethod: "https://schema.org/ReturnByMail",
        returnFees: "https://schema.org/ReturnFeesCustomerResponsibility",
      },
    });
  });

  it("describes no returns, and unlimited free returns either way, in the currency's country without rates", () => {
    const cny: Shop["currency"] = "CNY";
    const none = singleLd(
      input(single, {
        shop: {
          ...shop,
          currency: cny,
          returnPolicy: { isAccepted: false, days: null, method: "by_mail", fees: "free", countries: [] },
        },
      }),
    );
    expect(none.offers.hasMerchantReturnPolicy).toEqual({
      "@type": "MerchantReturnPolicy",
      applicableCountry: "CN",
      returnPolicyCategory: "https://schema.org/MerchantReturnNotPermitted",
    });
    const open = singleLd(
      input(single, {
        shop: {
          ...shop,
          returnPolicy: {
            isAccepted: true,
            days: null,
            method: "by_mail_or_in_store",
            fees: "free",
            countries: ["GB"],
          },
        },
      }),
    );
    expect(open.offers.hasMerchantReturnPolicy).toEqual({
      "@type": "MerchantReturnPolicy",
      applicableCountry: "GB",
      returnPolicyCategory: "https://schema.org/MerchantReturnUnlimitedWindow",
      returnMethod: ["https://schema.org/ReturnByMail", "https://schema.org/ReturnInStore"],
      returnFees: "https://schema.org/FreeReturn",
    });
  });

  it("leaves the policy out when no country can be named", () => {
    const data = singleLd(
      input(single, {
        shop: {
          ...shop,
          currency: "EUR",
          returnPolicy: { isAccepted: true, days: 14, method: "in_store", fees: "free", countries: [] },
        },
      }),
    );
    expect(data.offers).not.toHaveProperty("hasMerchantReturnPolicy");
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
    const text = jsonForScript(singleLd(input(honey)));
    expect(text).not.toContain("</script>");
    expect(text).not.toContain("<");
    expect(JSON.parse(text).name).toBe(honey.title);
  });
});
