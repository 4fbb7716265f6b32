// A catalogue in two languages (decision 031): translations through the owner's routes and into the
// snapshot, refused for a language the shop does not speak.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownerWithShop } from "./client.ts";
import { createHarness, type Harness, type Json } from "./harness.ts";

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness?.cleanup());

async function bilingualShop() {
  const owner = await ownerWithShop(harness);
  const base = `/v1/shops/${owner.shopId}`;
  const languages = await owner.api.patch(base, { extraLocales: ["zh-CN"] });
  expect(languages.status).toBe(200);
  return { ...owner, base };
}

const tea = {
  title: "Green tea",
  description: "Picked in **spring**.",
  options: [
    {
      name: "Size",
      values: ["Small", "Large"],
      translations: { "zh-CN": { name: "规格", values: ["小包", ""] } },
    },
  ],
  variants: [
    { optionValues: ["Small"], price: 900 },
    { optionValues: ["Large"], price: 1600 },
  ],
  translations: { "zh-CN": { title: "绿茶", description: "春天**采摘**。", seoTitle: "", seoDescription: "" } },
};

async function snapshotOf(host: string): Promise<Json> {
  const response = await harness.app.request(`/v1/storefront/${host}/snapshot`);
  expect(response.status).toBe(200);
  return (await response.json()) as Json;
}

describe("translations", () => {
  it("refuses text in a language the shop does not speak, in plain words, and writes nothing", async () => {
    const owner = await ownerWithShop(harness);
    const base = `/v1/shops/${owner.shopId}`;
    const refused = await owner.api.post(`${base}/products`, tea);
    expect(refused.status).toBe(422);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    expect(refused.body.detail).toBe(
      "This shop does not use Chinese (中文) yet: add it to the languages your shop speaks first",
    );
    expect(refused.body.errors.map((error: Json) => error.path)).toEqual([
      "translations.zh-CN",
      "options.0.translations.zh-CN",
    ]);
    expect((await owner.api.get(`${base}/products`)).body.items).toEqual([]);

    const english = await owner.api.post(`${base}/collections`, {
      title: "Teas",
      translations: { en: { title: "Teas" } },
    });
    expect(english.status).toBe(422);
    expect(english.body.detail).toMatch(/English is the shop's main language/);
    const french = await owner.api.post(`${base}/pages`, {
      title: "About",
      translations: { fr: { title: "À propos" } },
    });
    expect(french.status).toBe(422);
    expect(french.body.detail).toMatch(/Stall does not offer "fr"/);
  });

  it("keeps a product's and its options' text per language, empty strings meaning no translation", async () => {
    const { api, base } = await bilingualShop();
    const created = await api.post(`${base}/products`, tea);
    expect(created.status).toBe(201);
    expect(created.body.translations).toEqual({ "zh-CN": { title: "绿茶", description: "春天**采摘**。" } });
    expect(created.body.options[0].translations).toEqual({ "zh-CN": { name: "规格", values: ["小包"] } });
    const path = `${base}/products/${created.body.id}`;
    expect((await api.get(path)).body).toEqual(created.body);

    // Naming a language replaces its text; the product's own text is untouched.
    const changed = await api.patch(path, { translations: { "zh-CN": { title: "龙井", seoTitle: "龙井绿茶" } } });
    expect(changed.status).toBe(200);
    expect(changed.body.title).toBe("Green tea");
    expect(changed.body.translations).toEqual({ "zh-CN": { title: "龙井", seoTitle: "龙井绿茶" } });

    // The options' words alone: the same names and values, no variants needed, variants untouched.
    const variantIds = changed.body.variants.map((variant: Json) => variant.id);
    const words = await api.patch(path, {
      options: [{ name: "Size", values: ["Small", "Large"], translations: { "zh-CN": { values: ["小", "大"] } } }],
    });
    expect(words.status).toBe(200);
    expect(words.body.options[0].translations).toEqual({ "zh-CN": { values: ["小", "大"] } });
    expect(words.body.variants.map((variant: Json) => variant.id)).toEqual(variantIds);

    // New values still need the variants.
    const newValues = await api.patch(path, { options: [{ name: "Size", values: ["Small", "Huge"] }] });
    expect(newValues.status).toBe(422);
    expect(newValues.body.detail).toBe("Changing the options needs the variants too");

    // An edit from the main editor, which sends options without translations, keeps the words of
    // the values that are still there.
    const edited = await api.patch(path, {
      options: [{ name: "Size", values: ["Large", "Medium"] }],
      variants: [
        { id: variantIds[1], optionValues: ["Large"], price: 1600 },
        { optionValues: ["Medium"], price: 1200 },
      ],
    });
    expect(edited.status).toBe(200);
    expect(edited.body.options[0].translations).toEqual({ "zh-CN": { values: ["大"] } });

    // All empty: the language goes.
    const cleared = await api.patch(path, { translations: { "zh-CN": { title: "", seoTitle: " " } } });
    expect(cleared.body.translations).toEqual({});
  });

  it("keeps collection and page text per language, the page body rendered and sanitised", async () => {
    const { api, base } = await bilingualShop();
    const collection = await api.post(`${base}/collections`, {
      title: "Teas",
      translations: { "zh-CN": { title: "茶叶", description: "" } },
    });
    expect(collection.status).toBe(201);
    expect(collection.body.translations).toEqual({ "zh-CN": { title: "茶叶" } });
    const collectionPatch = await api.patch(`${base}/collections/${collection.body.id}`, {
      translations: { "zh-CN": { title: "好茶", description: "山上的茶" } },
    });
    expect(collectionPatch.body.translations).toEqual({ "zh-CN": { title: "好茶", description: "山上的茶" } });

    const page = await api.post(`${base}/pages`, {
      title: "About",
      body: "We grow tea.",
      translations: { "zh-CN": { title: "关于我们", body: "我们**种茶**。<script>alert(1)</script>" } },
    });
    expect(page.status).toBe(201);
    expect(page.body.translations["zh-CN"].title).toBe("关于我们");
    expect(page.body.translations["zh-CN"].html).toContain("<strong>种茶</strong>");
    expect(page.body.translations["zh-CN"].html).not.toContain("<script>");
    const pagePatch = await api.patch(`${base}/pages/${page.body.id}`, { translations: { "zh-CN": { body: "" } } });
    expect(pagePatch.status).toBe(200);
    expect(pagePatch.body.translations).toEqual({});
    expect(pagePatch.body.title).toBe("About");
  });

  it("puts the text of the shop's languages in the snapshot, and only theirs", async () => {
    const { api, base, shop } = await bilingualShop();
    const product = await api.post(`${base}/products`, tea);
    await api.post(`${base}/products`, { title: "Plain", variants: [{ price: 100 }] });
    await api.post(`${base}/collections`, {
      title: "Teas",
      productIds: [product.body.id],
      translations: { "zh-CN": { title: "茶叶" } },
    });
    await api.post(`${base}/pages`, { title: "About", translations: { "zh-CN": { body: "关于**我们**" } } });
    await api.post(`${base}/publish`);
    const host = `${shop.slug}.localhost`;

    const bilingual = await snapshotOf(host);
    expect(bilingual.products[0].translations).toEqual({
      "zh-CN": { title: "绿茶", descriptionHtml: "<p>春天<strong>采摘</strong>。</p>" },
    });
    expect(bilingual.products[0].options[0].translations).toEqual({ "zh-CN": { name: "规格", values: ["小包"] } });
    expect(bilingual.products[1]).not.toHaveProperty("translations");
    expect(bilingual.collections[0].translations).toEqual({ "zh-CN": { title: "茶叶" } });
    expect(bilingual.pages[0].translations).toEqual({ "zh-CN": { html: "<p>关于<strong>我们</strong></p>" } });

    // A language the shop stops speaking leaves the snapshot; its text is kept for the day it comes back.
    await api.patch(base, { extraLocales: [] });
    const english = await snapshotOf(host);
    expect(JSON.stringify(english)).not.toContain('"translations"');
    expect(english.version).toBeGreaterThan(bilingual.version);
    await api.patch(base, { extraLocales: ["zh-CN"] });
    expect((await snapshotOf(host)).products[0].translations["zh-CN"].title).toBe("绿茶");
  });

  it("keeps one shop's translations out of another's reach", async () => {
    const a = await bilingualShop();
    const b = await bilingualShop();
    const product = await a.api.post(`${a.base}/products`, tea);
    const collection = await a.api.post(`${a.base}/collections`, { title: "Teas" });
    const words = { translations: { "zh-CN": { title: "偷" } } };
    expect((await b.api.patch(`${b.base}/products/${product.body.id}`, words)).status).toBe(404);
    expect((await b.api.patch(`${b.base}/collections/${collection.body.id}`, words)).status).toBe(404);
    expect((await b.api.patch(`${a.base}/products/${product.body.id}`, words)).status).toBe(404);
    expect((await a.api.get(`${a.base}/products/${product.body.id}`)).body.translations["zh-CN"].title).toBe("绿茶");
  });
});
