// Rich results and sharing on the real rendered pages (decision 032): every product page's JSON-LD in
// both languages against Google's documented required and recommended properties
// (google-product-rules.ts), and the share tags of the home, collection and product pages, whose
// images the API draws at 1200x630. The built storefront against the real API with the demo shop.
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { type BuiltServer, freePort, get, startBuiltServer } from "@stall/http-edge/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { googleProductProblems } from "./google-product-rules.ts";
import { jsonLdOf, metaOf } from "./html.ts";
import { logInDemoOwner, type RealApi, startRealApi } from "./real-api.ts";

type Json = Record<string, unknown>;

const appDir = new URL("../", import.meta.url);
let api: RealApi;
let server: BuiltServer;
let host: string;
let slugs: string[] = [];

const BARCODE = "4006381333931";

beforeAll(async () => {
  const port = await freePort();
  api = await startRealApi({ storefrontPort: port });
  const owner = await logInDemoOwner(api.url);
  const me = await owner.call<{ memberships: { shopId: string }[] }>("GET", "/v1/me");
  const base = `/v1/shops/${me.memberships[0]?.shopId ?? ""}`;

  // Vendor, barcode and condition come through the product editor in another part of this work; until
  // then they are set in the database, before the API calls below bump the shop's version.
  const db = createClient({ url: `file:${join(api.dataDir, "stall.db")}` });
  try {
    await db.execute(
      "UPDATE products SET vendor = 'Fern Hill Apiary', condition = 'new' WHERE slug = 'wildflower-honey'",
    );
    await db.execute({
      sql: "UPDATE product_variants SET barcode = ? WHERE sku = 'FH-HON-08'",
      args: [BARCODE],
    });
    // A wrong check digit: left out of the JSON-LD.
    await db.execute("UPDATE product_variants SET barcode = '4006381333932' WHERE sku = 'FH-HON-16'");
    // The loaf (no options, a photo) sold out this week.
    await db.execute("UPDATE product_variants SET stock = 0 WHERE sku = 'FH-BRD-SOUR'");
  } finally {
    db.close();
  }

  await owner.call("POST", `${base}/products`, {
    title: "Gift voucher",
    slug: "gift-voucher",
    description: "A card for anything on the stall, written by hand.",
    status: "active",
    variants: [{ price: 2000, sku: "FH-GIFT" }],
  });
  await owner.call("POST", `${base}/shipping-rates`, {
    name: "Tracked post",
    countries: ["US", "CA"],
    price: 800,
    freeOver: 6000,
    minDays: 2,
    maxDays: 5,
  });
  await owner.call("PUT", `${base}/return-policy`, {
    isAccepted: true,
    days: 30,
    method: "by_mail_or_in_store",
    fees: "buyer_pays_shipping",
  });
  const snapshot = (await (await fetch(`${api.url}/v1/storefront/demo.localhost/snapshot`)).json()) as {
    products: { slug: string }[];
  };
  slugs = snapshot.products.map((product) => product.slug);

  server = await startBuiltServer(
    appDir,
    "STOREFRONT_PORT",
    { API_URL: api.url, PUBLIC_API_URL: api.publicUrl, STOREFRONT_ROOT_DOMAIN: "localhost" },
    { port },
  );
  host = `demo.localhost:${port}`;
}, 180_000);

afterAll(async () => {
  await server?.stop();
  await api?.stop();
});

const page = (path: string) => get(server.port, path, { Host: host });

async function jsonLdAt(path: string): Promise<Json> {
  const reply = await page(path);
  expect(reply.status, path).toBe(200);
  const blocks = jsonLdOf(reply.body) as Json[];
  expect(blocks, path).toHaveLength(1);
  return blocks[0] as Json;
}

describe("every product page's JSON-LD meets Google's product rich-result requirements", () => {
  it("covers the demo's products and the one added without photos", () => {
    expect(slugs.length).toBeGreaterThan(15);
    expect(slugs).toContain("gift-voucher");
  });

  for (const lang of ["", "?lang=zh-CN"]) {
    it(`in ${lang ? "zh-CN" : "en"}: no product page breaks a rule`, async () => {
      const problems: string[] = [];
      for (const slug of slugs) {
        const data = await jsonLdAt(`/products/${encodeURIComponent(slug)}${lang}`);
        problems.push(...googleProductProblems(data).map((problem) => `${slug}: ${problem}`));
      }
      expect(problems).toEqual([]);
    });
  }

  it("a product without options is one Product; its sold-out offer says OutOfStock", async () => {
    const data = await jsonLdAt("/products/country-sourdough-loaf");
    expect(data["@type"]).toBe("Product");
    expect(data).toMatchObject({
      sku: "FH-BRD-SOUR",
      image: [expect.stringMatching(/^http:\/\/demo\.localhost:\d+\/media\//)],
      offers: { availability: "https://schema.org/OutOfStock", itemCondition: "https://schema.org/NewCondition" },
    });
  });

  it("a product with sizes is a ProductGroup varying by size, the vendor as brand and a checked barcode", async () => {
    for (const lang of ["", "?lang=zh-CN"]) {
      const data = await jsonLdAt(`/products/wildflower-honey${lang}`);
      expect(data).toMatchObject({
        "@type": "ProductGroup",
        variesBy: ["https://schema.org/size"],
        brand: { "@type": "Brand", name: "Fern Hill Apiary" },
      });
      const [small, large] = data.hasVariant as Json[];
      expect(small).toMatchObject({ sku: "FH-HON-08", gtin13: BARCODE, size: "8 oz" });
      expect(Object.keys(large ?? {}).filter((key) => key.startsWith("gtin"))).toEqual([]);
      expect(large).toMatchObject({
        size: "16 oz",
        offers: {
          availability: "https://schema.org/LimitedAvailability",
          shippingDetails: [
            {
              shippingRate: { value: "8.00", currency: "USD" },
              shippingDestination: [{ addressCountry: "US" }, { addressCountry: "CA" }],
            },
          ],
          hasMerchantReturnPolicy: {
            // No countries of its own: the countries the shop ships to.
            applicableCountry: ["US", "CA"],
            merchantReturnDays: 30,
            returnFees: "https://schema.org/ReturnFeesCustomerResponsibility",
          },
        },
      });
    }
  });

  it("a product without photos has no image (a snippet, not a merchant listing) and the shop as brand", async () => {
    const data = await jsonLdAt("/products/gift-voucher");
    expect(data).not.toHaveProperty("image");
    expect(data).toMatchObject({ "@type": "Product", brand: { name: "Fern Hill Market Stall" } });
  });
});

describe("share tags", () => {
  async function checkCard(path: string, alt: string) {
    const reply = await page(path);
    expect(reply.status).toBe(200);
    const image = metaOf(reply.body, "og:image") ?? "";
    expect(image.startsWith(`${api.publicUrl}/v1/storefront/`)).toBe(true);
    expect([metaOf(reply.body, "og:image:width"), metaOf(reply.body, "og:image:height")]).toEqual(["1200", "630"]);
    expect(metaOf(reply.body, "og:image:alt")).toBe(alt);
    expect(metaOf(reply.body, "twitter:card")).toBe("summary_large_image");
    expect(metaOf(reply.body, "twitter:image")).toBe(image);
    expect(metaOf(reply.body, "twitter:image:alt")).toBe(alt);
    const card = await fetch(image);
    expect(card.status).toBe(200);
    expect(card.headers.get("content-type")).toBe("image/jpeg");
    const bytes = new Uint8Array(await card.arrayBuffer());
    // A JPEG's SOF0/SOF2 segment holds its height and width.
    const sof = bytes.findIndex((byte, index) => byte === 0xff && [0xc0, 0xc2].includes(bytes[index + 1] ?? 0));
    const view = new DataView(bytes.buffer, sof + 5, 4);
    expect([view.getUint16(2), view.getUint16(0)]).toEqual([1200, 630]);
  }

  it("the home page shows the shop's card", async () => {
    await checkCard(
      "/",
      "Fern Hill Market Stall: Honey, bread, pottery and small handmade things from our hillside farm.",
    );
  });

  it("a collection shows its card", async () => {
    await checkCard("/collections/pottery-and-home", "Pottery and home · Fern Hill Market Stall");
  });

  it("a product page says what its card shows, for Twitter too", async () => {
    await checkCard("/products/wildflower-honey", "Wildflower Honey");
  });
});
