// The catalogue pages on the built dashboard against the real API: groups of products (collections) and
// their order, pages about the shop with the preview, the products CSV import (row-by-row problems,
// all or nothing) and export, rights, and tenant isolation. Every step is a plain form post.

import { createApiClient } from "@stall/api-client";
import { dashboardMessages } from "@stall/i18n/dashboard";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf, sayRowProblem } from "../src/lib/csv-rows.ts";
import { Browser, linkFromMail, type Stack, startStack } from "./stack.ts";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

let counter = 0;
const uniqueEmail = (name: string) => `${name}-catalogue-${++counter}@example.test`;
const password = "noodles every saturday";
const pathOf = (link: string) => {
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
};
const idAfter = (segment: string, location: string | null) =>
  new RegExp(`/${segment}/([^/?#]+)`).exec(location ?? "")?.[1] ?? "";

/** A new owner with a shop, signed up through the dashboard, and an API client with their session. */
async function newOwner(options: { acceptLanguage?: string } = {}) {
  const browser = new Browser(stack.dashboardUrl, options);
  const email = uniqueEmail("owner");
  expect((await browser.post("/sign-up", { name: "Mei", email, password })).status).toBe(303);
  const created = await browser.post("/new-shop", { name: "Mei's Noodles", slug: "", currency: "CNY" });
  const shopId = /\/shops\/([^/]+)\//.exec(created.location ?? "")?.[1] ?? "";
  const api = createApiClient({ baseUrl: stack.apiUrl, token: browser.cookies.get("stall_session") ?? "" });
  const addProduct = async (title: string) => {
    const result = await api.POST("/v1/shops/{shopId}/products", {
      params: { path: { shopId } },
      body: { title, status: "active", variants: [{ price: 1200, stock: 5 }] },
    });
    expect(result.response.status).toBe(201);
    return result.data?.id ?? "";
  };
  const collections = async () =>
    (await api.GET("/v1/shops/{shopId}/collections", { params: { path: { shopId } } })).data?.items ?? [];
  const pages = async () =>
    (await api.GET("/v1/shops/{shopId}/pages", { params: { path: { shopId } } })).data?.items ?? [];
  const products = async () =>
    (await api.GET("/v1/shops/{shopId}/products", { params: { path: { shopId }, query: { limit: 100 } } })).data
      ?.items ?? [];
  return { browser, email, shopId, api, addProduct, collections, pages, products };
}

type Owner = Awaited<ReturnType<typeof newOwner>>;

/** A helper who accepted an invitation to the owner's shop with these rights. */
async function newHelper(owner: Owner, permissions: ("orders" | "catalogue" | "content" | "settings")[]) {
  const helperEmail = uniqueEmail("helper");
  const invite = await owner.api.POST("/v1/shops/{shopId}/invites", {
    params: { path: { shopId: owner.shopId } },
    body: { email: helperEmail, role: "helper", permissions },
  });
  expect(invite.response.status).toBe(201);
  const link = await linkFromMail(stack.mailDir, helperEmail, "/invites/accept?token=");
  const helper = new Browser(stack.dashboardUrl);
  const landing = await helper.get(pathOf(link));
  const signUpHref = /href="(\/sign-up\?next=[^"]+)"/.exec(landing.body)?.[1]?.replace(/&amp;/g, "&") ?? "";
  await helper.post(signUpHref, { name: "Grandson", email: helperEmail, password });
  const accept = await helper.get(pathOf(link));
  const token = /name="token" value="([^"]+)"/.exec(accept.body)?.[1] ?? "";
  expect((await helper.post("/invites/accept", { token })).location).toBe(`/shops/${owner.shopId}?joined=1`);
  return helper;
}

const CSV_HEADER = "Handle,Title,Body (HTML),Option1 Name,Option1 Value,Variant Price,Variant Inventory Qty,Status";
const csvFile = (text: string) => new Blob([text], { type: "text/csv" });

describe("groups of products (collections)", () => {
  it("adds groups with chosen products, orders the groups and the products, and deletes one", async () => {
    const owner = await newOwner();
    const base = `/shops/${owner.shopId}/collections`;
    const broth = await owner.addProduct("Beef broth");
    const noodles = await owner.addProduct("Hand-pulled noodles");
    const chili = await owner.addProduct("Chili oil");

    const empty = await owner.browser.get(base);
    expect(empty.status).toBe(200);
    expect(empty.body).toContain("No groups yet.");
    expect((await owner.browser.get(`/shops/${owner.shopId}`)).body).toContain(`href="${base}"`);

    // The editor offers every product as a checkbox with its name.
    const blank = await owner.browser.get(`${base}/new`);
    for (const id of [broth, noodles, chili]) expect(blank.body).toContain(`value="${id}"`);
    expect(blank.body).toContain("Hand-pulled noodles");

    // No name: the form comes back with the error tied to the field, and nothing is added.
    const missing = await owner.browser.post(`${base}/new`, { title: "", productIds: noodles });
    expect(missing.status).toBe(422);
    expect(missing.body).toContain('href="#title"');
    expect(missing.body).toContain("Give the group a name");
    expect(await owner.collections()).toEqual([]);

    // The ticked boxes arrive in the page's order, which is the group's order.
    const form = new URLSearchParams();
    form.set("title", "Noodles");
    form.set("description", "Made every morning.");
    form.append("productIds", noodles);
    form.append("productIds", broth);
    const added = await owner.browser.post(`${base}/new`, formDataOf(form));
    expect(added.status).toBe(303);
    const noodlesGroup = idAfter("collections", added.location);
    expect(added.location).toBe(`${base}/${noodlesGroup}?saved=1`);
    expect((await owner.collections()).map((item) => [item.title, item.productIds])).toEqual([
      ["Noodles", [noodles, broth]],
    ]);
    const editor = await owner.browser.get(`${base}/${noodlesGroup}?saved=1`);
    expect(editor.body).toContain("Saved.");
    expect(editor.body.indexOf(`value="${noodles}"`)).toBeLessThan(editor.body.indexOf(`value="${broth}"`));
    expect(editor.body.indexOf(`value="${broth}"`)).toBeLessThan(editor.body.indexOf(`value="${chili}"`));

    // Move broth up inside the group, ticking chili at the same time: both are saved.
    const move = new URLSearchParams();
    move.set("title", "Noodles");
    move.set("description", "Made every morning.");
    for (const id of [noodles, broth, chili]) move.append("productIds", id);
    move.set("move", `up:${broth}`);
    const moved = await owner.browser.post(`${base}/${noodlesGroup}`, formDataOf(move));
    expect(moved.status).toBe(303);
    expect(moved.location).toBe(`${base}/${noodlesGroup}?saved=1#product-${broth}`);
    expect((await owner.collections())[0]?.productIds).toEqual([broth, noodles, chili]);

    // Two more groups; then the order of the groups, with Move up / Move down.
    for (const title of ["Gifts", "Sauces"])
      expect((await owner.browser.post(`${base}/new`, { title, description: "" })).status).toBe(303);
    const ids = (await owner.collections()).map((item) => item.id);
    const [, gifts = "", sauces = ""] = ids;
    const list = await owner.browser.get(base);
    expect(list.body).toContain(`value="down:${noodlesGroup}"`);
    expect(list.body).not.toContain(`value="up:${noodlesGroup}"`);
    expect(list.body).not.toContain(`value="down:${sauces}"`);
    const up = await owner.browser.post(base, { move: `up:${sauces}` });
    expect(up.status).toBe(303);
    expect(up.location).toBe(`${base}?moved=${sauces}#collection-${sauces}`);
    expect((await owner.collections()).map((item) => item.title)).toEqual(["Noodles", "Sauces", "Gifts"]);
    expect((await owner.browser.follow(up)).body).toContain("The new order is saved.");
    await owner.browser.post(base, { move: `down:${noodlesGroup}` });
    expect((await owner.collections()).map((item) => item.title)).toEqual(["Sauces", "Noodles", "Gifts"]);
    // The list shows them in that order.
    const ordered = (await owner.browser.get(base)).body;
    const titles = [...ordered.matchAll(/<strong>([^<]+)<\/strong>/g)].map((match) => match[1]);
    expect(titles).toEqual(["Sauces", "Noodles", "Gifts"]);

    // Delete asks first, on its own page; the products stay.
    const question = await owner.browser.get(`${base}/${gifts}/delete`);
    expect(question.status).toBe(200);
    expect(question.body).toContain("Delete the group “Gifts”?");
    expect(question.body).toContain("The products in it stay in your shop.");
    const deleted = await owner.browser.post(`${base}/${gifts}/delete`, {});
    expect(deleted.location).toBe(`${base}?deleted=1`);
    expect((await owner.collections()).map((item) => item.title)).toEqual(["Sauces", "Noodles"]);
    expect(await owner.products()).toHaveLength(3);
    expect((await owner.browser.get(`${base}/${gifts}`)).status).toBe(404);
  }, 60_000);

  it("speaks Chinese to a Chinese-reading owner", async () => {
    const owner = await newOwner({ acceptLanguage: "zh-CN,zh;q=0.9" });
    const page = await owner.browser.get(`/shops/${owner.shopId}/collections`);
    expect(page.body).toContain("商品分组");
    expect(page.body).toContain("买家会在店铺顶部看到每个分组的链接");
  });
});

/** urlencoded form with repeated names, as a browser posts ticked checkboxes. */
function formDataOf(params: URLSearchParams): FormData {
  const data = new FormData();
  for (const [name, value] of params) data.append(name, value);
  return data;
}

describe("pages about the shop", () => {
  it("starts from an example, previews as buyers will see it without saving, saves, hides and deletes", async () => {
    const owner = await newOwner();
    const base = `/shops/${owner.shopId}/shop-pages`;
    const list = await owner.browser.get(base);
    expect(list.status).toBe(200);
    expect(list.body).toContain("No pages yet.");
    for (const starter of ["about", "delivery", "returns"])
      expect(list.body).toContain(`href="${base}/new?start=${starter}"`);
    expect((await owner.browser.get(`/shops/${owner.shopId}`)).body).toContain(`href="${base}"`);

    const example = await owner.browser.get(`${base}/new?start=delivery`);
    expect(example.body).toContain('value="Delivery"');
    expect(example.body).toContain("## Collecting");
    expect(example.body).toContain("Formatting you can use");

    const body = "## Opening times\n\n**Fresh** every day\n\n- Mondays\n- Fridays\n\n<script>alert(1)</script>";
    const preview = await owner.browser.post(`${base}/new`, {
      title: "Opening times",
      body,
      visibility: "published",
      action: "preview",
    });
    expect(preview.status).toBe(200);
    expect(preview.body).toContain("Preview: what buyers will see");
    expect(preview.body).toContain("<h2>Opening times</h2>");
    expect(preview.body).toContain("<strong>Fresh</strong> every day");
    expect(preview.body).toContain("<li>Mondays</li>");
    expect(preview.body).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(preview.body).not.toContain("<script>alert(1)");
    // The form keeps what was typed, and nothing is saved yet.
    expect(preview.body).toContain('value="Opening times"');
    expect(await owner.pages()).toEqual([]);

    const saved = await owner.browser.post(`${base}/new`, {
      title: "Opening times",
      body,
      visibility: "published",
      action: "save",
    });
    expect(saved.status).toBe(303);
    const pageId = idAfter("shop-pages", saved.location);
    expect(saved.location).toBe(`${base}/${pageId}?saved=1`);
    const [stored] = await owner.pages();
    // What the API stored for buyers is what the preview showed.
    expect(preview.body).toContain(stored?.html ?? "missing");
    expect(stored?.isPublished).toBe(true);

    // Same title again: said plainly on the title field.
    const again = await owner.browser.post(`${base}/new`, { title: "Opening times", body: "", action: "save" });
    expect(again.status).toBe(422);
    expect(again.body).toContain("You already have a page with a title like this one.");
    expect(again.body).toContain('href="#title"');

    const hidden = await owner.browser.post(`${base}/${pageId}`, {
      title: "Opening times",
      body,
      visibility: "hidden",
      action: "save",
    });
    expect(hidden.status).toBe(303);
    expect((await owner.pages())[0]?.isPublished).toBe(false);
    expect((await owner.browser.get(base)).body).toContain("Hidden");

    const question = await owner.browser.get(`${base}/${pageId}/delete`);
    expect(question.body).toContain("Delete the page “Opening times”?");
    expect((await owner.browser.post(`${base}/${pageId}/delete`, {})).location).toBe(`${base}?deleted=1`);
    expect(await owner.pages()).toEqual([]);
  });
});

describe("products from a spreadsheet (CSV)", () => {
  it("lists each bad row's problem, adds nothing, then adds a good file and exports it back", async () => {
    const owner = await newOwner();
    const path = `/shops/${owner.shopId}/products/import`;
    const form = await owner.browser.get(path);
    expect(form.status).toBe(200);
    expect(form.body).toContain('enctype="multipart/form-data"');
    expect(form.body).toContain("nothing is added or changed");
    expect((await owner.browser.get(`/shops/${owner.shopId}`)).body).toContain(`href="${path}"`);

    const none = await owner.browser.post(path, { mode: "create" });
    expect(none.status).toBe(422);
    expect(none.body).toContain("Choose a CSV file");

    const bad = [
      CSV_HEADER,
      "noodles,Hand-pulled noodles,<p>Fresh</p>,Size,Small,12.50,10,active",
      "noodles,,,,Large,twelve,5,",
      "chili-oil,Chili oil,,,,8,abc,active",
    ].join("\n");
    const refused = await owner.browser.post(path, { file: csvFile(bad), mode: "create" });
    expect(refused.status).toBe(422);
    expect(refused.body).toContain("Nothing was added: the file has 2 problems");
    expect(refused.body).toMatch(/Row 3 · column Variant Price<\/span>\s*“twelve” is not a price; write it like/);
    expect(refused.body).toMatch(/Row 4 · column Variant Inventory Qty<\/span>\s*“abc” is not a whole number/);
    expect(refused.body).toContain('href="#file"');
    // All or nothing: the good row was not added either.
    expect(await owner.products()).toEqual([]);

    const chinese = new Browser(stack.dashboardUrl, { acceptLanguage: "zh-CN" });
    for (const [name, value] of owner.browser.cookies) chinese.cookies.set(name, value);
    const refusedZh = await chinese.post(path, { file: csvFile(bad), mode: "create" });
    expect(refusedZh.body).toContain("什么都没有添加：文件里有 2 个问题");
    expect(refusedZh.body).toMatch(/第 3 行 · “Variant Price”列<\/span>\s*“twelve”不是价格/);

    const good = [
      CSV_HEADER,
      "noodles,Hand-pulled noodles,<p>Fresh</p>,Size,Small,12.50,10,active",
      "noodles,,,,Large,16,5,",
      "chili-oil,Chili oil,,,,8,3,active",
    ].join("\n");
    const done = await owner.browser.post(path, { file: csvFile(good), mode: "create" });
    expect(done.status).toBe(303);
    // The photo job's id comes along, for the link to its progress page.
    expect(done.location).toMatch(new RegExp(`^${path}\\?added=2&changed=0&photos=0&import=imp_[0-9a-z]{26}$`));
    expect((await owner.browser.follow(done)).body).toContain("Done: 2 products added, 0 changed.");
    expect((await owner.products()).map((product) => product.title).sort()).toEqual([
      "Chili oil",
      "Hand-pulled noodles",
    ]);

    // The same file again: the handles exist, said in plain words with the way forward.
    const twice = await owner.browser.post(path, { file: csvFile(good), mode: "create" });
    expect(twice.status).toBe(422);
    expect(twice.body).toContain("A product with the Handle “noodles” is already in your shop.");

    // Export through the dashboard (no token in the browser) and import it back as a replacement.
    const exported = await owner.browser.get(`/shops/${owner.shopId}/products/export.csv`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(exported.headers.get("content-disposition")).toMatch(/^attachment; filename=".+-products\.csv"$/);
    expect(exported.body).toContain("Hand-pulled noodles");
    expect(exported.body).toContain("16.00");
    const before = await owner.products();
    const back = await owner.browser.post(path, { file: csvFile(exported.body), mode: "update" });
    expect(back.location).toMatch(new RegExp(`^${path}\\?added=0&changed=2&photos=0&import=imp_[0-9a-z]{26}$`));
    const after = await owner.products();
    const view = (items: typeof before) =>
      items
        .map((product) => ({
          title: product.title,
          status: product.status,
          variants: product.variants.map((variant) => [variant.id, variant.optionValues, variant.price, variant.stock]),
        }))
        .sort((a, b) => a.title.localeCompare(b.title));
    expect(view(after)).toEqual(view(before));
  }, 60_000);

  it("says every kind of row problem the API finds in Chinese too, not in the API's English", async () => {
    const owner = await newOwner();
    const header =
      "Handle,Title,Status,Option1 Name,Option1 Value,Option2 Name,Variant Price,Variant Inventory Qty,Image Src";
    const rows = [
      "no-title,,active,,,,5,1,",
      "bad-status,Bad status,sold,,,,5,1,",
      "words,Words,active,,,,twelve,1,",
      "negative,Negative,active,,,,-3,1,",
      "decimals,Decimals,active,,,,12.505,1,",
      "no-price,No price,active,,,,,1,",
      "count,Count,active,,,,5,abc,",
      "image,Image,active,,,,5,1,not a link",
      "twice,Twice,active,,,,5,1,",
      "twice,,,,,,6,1,",
      "sizes,Sizes,active,Size,,,5,1,",
      "named,Named,active,Size,S,size,5,1,",
      "---,Dashes,active,,,,5,1,",
    ];
    const refused = await owner.api.POST("/v1/shops/{shopId}/products/import", {
      params: { path: { shopId: owner.shopId }, query: { mode: "create" } },
      body: [header, ...rows].join("\n") as unknown as undefined,
      bodySerializer: (body: unknown) => body as string,
      headers: { "content-type": "text/csv" },
    });
    expect(refused.response.status).toBe(422);
    const problems = rowsOf(refused.error as Record<string, unknown>);
    // One problem per bad row above (the second "twice" row is the duplicate).
    expect(problems.map((problem) => problem.row)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14]);
    const zh = dashboardMessages["zh-CN"];
    const untranslated = problems.filter((problem) => sayRowProblem(zh, problem.message) === problem.message);
    expect(untranslated).toEqual([]);
  });

  it("takes a realistic file bigger than the dashboard's usual 256 KB form limit", async () => {
    const owner = await newOwner();
    const description = `<p>${"Hand-made noodles, pulled to order, with a rich broth. ".repeat(14)}</p>`;
    const rows = Array.from(
      { length: 450 },
      (_, index) => `item-${index},Noodles no. ${index},"${description}",,,${10 + (index % 7)}.50,${index % 20},active`,
    );
    const text = [CSV_HEADER, ...rows].join("\n");
    expect(text.length).toBeGreaterThan(300 * 1024);
    const done = await owner.browser.post(`/shops/${owner.shopId}/products/import`, {
      file: csvFile(text),
      mode: "create",
    });
    expect(done.status).toBe(303);
    expect(done.location).toContain("added=450&");
  }, 60_000);
});

describe("who may open the catalogue pages", () => {
  it("answers 404 to another shop's owner and changes nothing of the shop's groups and pages", async () => {
    const theirs = await newOwner();
    const mine = await newOwner();
    const product = await theirs.addProduct("Their noodles");
    const group = await theirs.browser.post(`/shops/${theirs.shopId}/collections/new`, {
      title: "Their group",
      productIds: product,
    });
    const groupId = idAfter("collections", group.location);
    const page = await theirs.browser.post(`/shops/${theirs.shopId}/shop-pages/new`, {
      title: "Their story",
      body: "Secret recipe",
      action: "save",
    });
    const pageId = idAfter("shop-pages", page.location);
    expect(groupId).not.toBe("");
    expect(pageId).not.toBe("");

    for (const shopId of [theirs.shopId, mine.shopId]) {
      const paths = [
        `/shops/${shopId}/collections/${groupId}`,
        `/shops/${shopId}/collections/${groupId}/delete`,
        `/shops/${shopId}/shop-pages/${pageId}`,
        `/shops/${shopId}/shop-pages/${pageId}/delete`,
      ];
      for (const path of paths) {
        const got = await mine.browser.get(path);
        expect(got.status, path).toBe(404);
        expect(got.body).not.toContain("Their group");
        expect(got.body).not.toContain("Their story");
        const posted = await mine.browser.post(path, { title: "Mine now", body: "", action: "save" });
        expect(posted.status, path).toBe(404);
      }
    }
    for (const path of ["collections", "collections/new", "shop-pages", "shop-pages/new", "products/import"])
      expect((await mine.browser.get(`/shops/${theirs.shopId}/${path}`)).status, path).toBe(404);
    expect((await mine.browser.get(`/shops/${theirs.shopId}/products/export.csv`)).status).toBe(404);
    // Moving their group from my list, or putting their product in my group.
    expect((await mine.browser.post(`/shops/${mine.shopId}/collections`, { move: `up:${groupId}` })).status).toBe(404);
    const sneaky = await mine.browser.post(`/shops/${mine.shopId}/collections/new`, {
      title: "Mine",
      productIds: product,
    });
    expect(sneaky.status).toBe(422);
    expect(await mine.collections()).toEqual([]);
    // My pages show nothing of theirs.
    expect((await mine.browser.get(`/shops/${mine.shopId}/collections`)).body).not.toContain("Their group");
    expect((await mine.browser.get(`/shops/${mine.shopId}/shop-pages`)).body).not.toContain("Their story");

    const [theirGroup] = await theirs.collections();
    expect([theirGroup?.title, theirGroup?.productIds]).toEqual(["Their group", [product]]);
    expect((await theirs.pages()).map((item) => [item.title, item.body])).toEqual([["Their story", "Secret recipe"]]);
  }, 60_000);

  it("tells a helper without the products right plainly, and lets a products helper in but not to pages", async () => {
    const owner = await newOwner();
    const ordersOnly = await newHelper(owner, ["orders"]);
    const noProducts = "Your helper access does not include products. The shop&#39;s owner can add it for you.";
    for (const path of ["collections", "collections/new", "products/import"]) {
      const got = await ordersOnly.get(`/shops/${owner.shopId}/${path}`);
      expect(got.status, path).toBe(403);
      expect(got.body).toContain(noProducts);
      const posted = await ordersOnly.post(`/shops/${owner.shopId}/${path}`, { title: "Sneaky", move: "up:x" });
      expect(posted.status, path).toBe(403);
    }
    const exported = await ordersOnly.get(`/shops/${owner.shopId}/products/export.csv`);
    expect(exported.status).toBe(403);
    expect(exported.body).toContain(noProducts);
    const pages = await ordersOnly.get(`/shops/${owner.shopId}/shop-pages`);
    expect(pages.status).toBe(403);
    expect(pages.body).toContain("Your helper access does not include your shop&#39;s pages.");
    const home = (await ordersOnly.get(`/shops/${owner.shopId}`)).body;
    expect(home).not.toContain(`/shops/${owner.shopId}/collections`);
    expect(home).not.toContain(`/shops/${owner.shopId}/shop-pages`);
    expect(await owner.collections()).toEqual([]);

    const catalogueHelper = await newHelper(owner, ["catalogue"]);
    expect((await catalogueHelper.get(`/shops/${owner.shopId}/collections`)).status).toBe(200);
    expect((await catalogueHelper.get(`/shops/${owner.shopId}/shop-pages/new`)).status).toBe(403);
  }, 60_000);
});
