// The product details page (/products/{id}/details, decision 033) and the posting weight limits on a
// shipping rate, on the built dashboard against the real API. Every step is a plain form post.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAs, newOwner, type Owner, password, pathOf, sessionToken, uniqueEmail } from "./owners.ts";
import { Browser, linkFromMail, type Stack, startStack } from "./stack.ts";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

const decode = (html: string) =>
  html
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<");

async function ownerWithProduct(options: { sizes?: boolean } = {}) {
  const owner = await newOwner(stack);
  const api = apiAs(stack, sessionToken(owner.browser));
  const created = await api.POST("/v1/shops/{shopId}/products", {
    params: { path: { shopId: owner.shopId } },
    body: options.sizes
      ? {
          title: "Noodles",
          options: [{ name: "Size", values: ["Small", "Large"] }],
          variants: [
            { optionValues: ["Small"], price: 1200, stock: 3, sku: "N-S" },
            { optionValues: ["Large"], price: 1800, stock: 5, sku: "N-L" },
          ],
        }
      : { title: "Noodles", variants: [{ price: 1200, stock: 3, sku: "N-1" }] },
  });
  expect(created.response.status).toBe(201);
  const productId = created.data?.id ?? "";
  const product = async () =>
    (
      await api.GET("/v1/shops/{shopId}/products/{productId}", {
        params: { path: { shopId: owner.shopId, productId } },
      })
    ).data;
  const path = `/shops/${owner.shopId}/products/${productId}/details`;
  return { ...owner, api, productId, product, path };
}

const everyField = (count: number, extra: Record<string, string> = {}) => {
  const fields: Record<string, string> = {
    vendor: "Hill Farm",
    productType: "Noodles",
    tags: "fresh, Wheat，手工、 FRESH",
    condition: "new",
    seoTitle: "Hand-pulled noodles",
    seoDescription: "Pulled every morning.",
  };
  for (let index = 0; index < count; index += 1) {
    Object.assign(fields, {
      [`barcode-${index}`]: index === 0 ? "4006381 333931" : "",
      [`weight-${index}`]: index === 0 ? "1,5" : "",
      [`weightUnit-${index}`]: "kg",
      [`cost-${index}`]: index === 0 ? "4.20" : "",
      [`posted-${index}`]: "yes",
      ...(index === 0 ? { [`keepSelling-${index}`]: "yes" } : { [`taxable-${index}`]: "yes" }),
    });
  }
  return { ...fields, ...extra };
};

describe("more about this product", () => {
  it("is linked from the product page and saves every detail with a plain form post", async () => {
    const owner = await ownerWithProduct({ sizes: true });
    const editor = await owner.browser.get(`/shops/${owner.shopId}/products/${owner.productId}`);
    expect(editor.body).toContain(`href="${owner.path}"`);

    const page = await owner.browser.get(owner.path);
    expect(page.status).toBe(200);
    const html = decode(page.body);
    expect(html).toContain("More about this product");
    expect(html).toContain('<label for="vendor">Who makes it');
    expect(html).toContain("Size or colour: Large");
    expect(html).toContain("Only you see this. Buyers never do.");

    const saved = await owner.browser.post(owner.path, everyField(2));
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`${owner.path}?saved=1`);
    const product = await owner.product();
    expect(product).toMatchObject({
      vendor: "Hill Farm",
      productType: "Noodles",
      tags: ["fresh", "Wheat", "手工"],
      seoTitle: "Hand-pulled noodles",
      seoDescription: "Pulled every morning.",
      condition: "new",
    });
    expect(product?.variants[0]).toMatchObject({
      price: 1200,
      sku: "N-S",
      stock: 3,
      barcode: "4006381333931",
      weightGrams: 1500,
      weightUnit: "kg",
      cost: 420,
      isTaxable: false,
      isSoldWhenOutOfStock: true,
      requiresShipping: true,
    });
    expect(product?.variants[1]).toMatchObject({
      price: 1800,
      stock: 5,
      barcode: null,
      weightGrams: null,
      cost: null,
      isTaxable: true,
      isSoldWhenOutOfStock: false,
    });
    const after = decode((await owner.browser.get(`${owner.path}?saved=1`)).body);
    expect(after).toContain("Saved.");
    expect(after).toContain('value="fresh, Wheat, 手工"');
    expect(after).toContain('value="4.20"');
  }, 60_000);

  it("says what to fix next to each field, keeps what was typed and saves nothing", async () => {
    const owner = await ownerWithProduct();
    const reply = await owner.browser.post(
      owner.path,
      everyField(1, { "barcode-0": "12345", "weight-0": "heavy", "cost-0": "lots", seoTitle: "x".repeat(201) }),
    );
    expect(reply.status).toBe(422);
    const html = decode(reply.body);
    expect(html).toContain('href="#barcode-0"');
    expect(html).toContain(
      '<span class="error-message" id="barcode-0-error">Write the 8 to 14 digits printed under the bars',
    );
    expect(html).toContain('id="weight-0-error">Write the weight as a number');
    expect(html).toContain('id="cost-0-error">Write what it cost you as a price');
    expect(html).toContain('id="seoTitle-error">Keep the title to 200 characters or fewer');
    expect(html).toContain('value="heavy"');
    expect((await owner.product())?.vendor).toBe("");
  }, 60_000);

  it("speaks Chinese", async () => {
    const owner = await ownerWithProduct();
    const browser = new Browser(stack.dashboardUrl, { acceptLanguage: "zh-CN" });
    browser.cookies.set("stall_session", sessionToken(owner.browser));
    const html = decode((await browser.get(owner.path)).body);
    expect(html).toContain("商品的更多信息");
    expect(html).toContain("每件的进价");
    expect(html).toContain("卖完后继续接单");
  }, 60_000);

  it("answers 404 to another shop's owner, and changes nothing", async () => {
    const owner = await ownerWithProduct();
    const other = await ownerWithProduct();
    const theirs = `/shops/${other.shopId}/products/${owner.productId}/details`;
    const mineInTheirs = `/shops/${owner.shopId}/products/${owner.productId}/details`;
    for (const path of [theirs, mineInTheirs]) {
      expect((await other.browser.get(path)).status, path).toBe(404);
      expect((await other.browser.post(path, everyField(1, { vendor: "Sneaky" }))).status, path).toBe(404);
    }
    expect((await owner.product())?.vendor).toBe("");
  }, 60_000);

  it("shows a helper without the products right the NoRight page and saves nothing", async () => {
    const owner: Owner & Awaited<ReturnType<typeof ownerWithProduct>> = await ownerWithProduct();
    const helperEmail = uniqueEmail("helper");
    const invite = await owner.api.POST("/v1/shops/{shopId}/invites", {
      params: { path: { shopId: owner.shopId } },
      body: { email: helperEmail, role: "helper", permissions: ["orders"] },
    });
    expect(invite.response.status).toBe(201);
    const link = await linkFromMail(stack.mailDir, helperEmail, "/invites/accept?token=");
    const helper = new Browser(stack.dashboardUrl);
    const landing = await helper.get(pathOf(link));
    const signUpHref = decode(/href="(\/sign-up\?next=[^"]+)"/.exec(landing.body)?.[1] ?? "");
    await helper.post(signUpHref, { name: "Grandson", email: helperEmail, password });
    const accept = await helper.get(pathOf(link));
    const token = /name="token" value="([^"]+)"/.exec(accept.body)?.[1] ?? "";
    await helper.post("/invites/accept", { token });

    const got = await helper.get(owner.path);
    expect(got.status).toBe(403);
    expect(decode(got.body)).toContain("Your helper access does not include products.");
    expect(got.body).not.toContain("What one cost you");
    expect((await helper.post(owner.path, everyField(1, { vendor: "Sneaky" }))).status).toBe(403);
    expect((await owner.product())?.vendor).toBe("");
  }, 60_000);
});

describe("shipping rates by parcel weight", () => {
  it("keeps the kilograms the owner types as grams, shows them back, and refuses a range upside down", async () => {
    const owner = await newOwner(stack);
    const api = apiAs(stack, sessionToken(owner.browser));
    const base = `/shops/${owner.shopId}/settings/delivery`;
    const fields = { name: "Small parcel", countries: "GB", price: "3", minWeight: "0,5", maxWeight: "2" };
    const added = await owner.browser.post(`${base}/rates/new`, fields);
    expect(added.status).toBe(303);
    const rates = (await api.GET("/v1/shops/{shopId}/shipping-rates", { params: { path: { shopId: owner.shopId } } }))
      .data?.items;
    expect(rates?.[0]).toMatchObject({ minWeightGrams: 500, maxWeightGrams: 2000 });
    const page = (await owner.browser.get(`${base}/rates/${rates?.[0]?.id}`)).body;
    expect(page).toContain('value="0.5"');
    expect(page).toContain('value="2"');

    const wrong = await owner.browser.post(`${base}/rates/${rates?.[0]?.id}`, { ...fields, maxWeight: "0.1" });
    expect(wrong.status).toBe(422);
    expect(decode(wrong.body)).toContain("The heaviest cannot be lighter than the lightest");
    const cleared = await owner.browser.post(`${base}/rates/${rates?.[0]?.id}`, {
      ...fields,
      minWeight: "",
      maxWeight: "",
    });
    expect(cleared.status).toBe(303);
    const after = (await api.GET("/v1/shops/{shopId}/shipping-rates", { params: { path: { shopId: owner.shopId } } }))
      .data?.items;
    expect(after?.[0]).toMatchObject({ minWeightGrams: null, maxWeightGrams: null });
  }, 60_000);
});
