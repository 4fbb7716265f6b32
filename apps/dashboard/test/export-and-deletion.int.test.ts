// The built dashboard against the real API: downloading everything (the zip passed through as it
// streams) and closing a shop (the shop's name typed; undo within 14 days), in both languages, with
// plain form posts, tenant isolation and a helper's limited rights.
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAs, newOwner, type Owner, password, sessionToken, uniqueEmail } from "./owners.ts";
import { Browser, type Stack, startStack } from "./stack.ts";

let stack: Stack;
beforeAll(async () => {
  // No storefront runs here (its copy is tested in the storefront's and e2e suites): a closed port.
  stack = await startStack({ apiEnv: { STOREFRONT_INTERNAL_URL: "http://127.0.0.1:9" } });
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

const decode = (html: string) =>
  html
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
const textOf = (html: string) => decode(html.replace(/<[^>]*>/g, " ").replace(/\s+/g, " "));

/** Someone who helps the owner, with only the rights given. */
async function helperOf(owner: Owner, permissions: ("orders" | "catalogue" | "settings")[]) {
  const invite = await apiAs(stack, sessionToken(owner.browser)).POST("/v1/shops/{shopId}/invites", {
    params: { path: { shopId: owner.shopId } },
    body: { role: "helper", permissions },
  });
  const browser = new Browser(stack.dashboardUrl);
  expect((await browser.post("/sign-up", { name: "Grandson", email: uniqueEmail("helper"), password })).status).toBe(
    303,
  );
  const accepted = await apiAs(stack, sessionToken(browser)).POST("/v1/invites/accept", {
    body: { token: invite.data?.token ?? "" },
  });
  expect(accepted.error).toBeUndefined();
  return browser;
}

/** The raw bytes of a download, with the browser's cookies. */
async function download(browser: Browser, path: string) {
  const cookie = [...browser.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  const response = await fetch(new URL(path, stack.dashboardUrl), { headers: { cookie } });
  return { response, bytes: new Uint8Array(await response.arrayBuffer()) };
}

const shopOf = async (owner: Owner) =>
  (
    await apiAs(stack, sessionToken(owner.browser)).GET("/v1/shops/{shopId}", {
      params: { path: { shopId: owner.shopId } },
    })
  ).data;

describe("downloading everything", () => {
  it("the owner finds it in settings and downloads one zip with the shop in it", async () => {
    const owner = await newOwner(stack, "Export Noodles");
    const settings = await owner.browser.get(`/shops/${owner.shopId}/settings`);
    expect(settings.body).toContain(`href="/shops/${owner.shopId}/settings/export"`);
    const page = await owner.browser.get(`/shops/${owner.shopId}/settings/export`);
    expect(page.status).toBe(200);
    expect(textOf(page.body)).toContain("storefront/index.html");
    expect(page.body).toContain(`href="/shops/${owner.shopId}/settings/export.zip" download`);
    const { response, bytes } = await download(owner.browser, `/shops/${owner.shopId}/settings/export.zip`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="stall-[a-z0-9-]+-\d{4}-\d\d-\d\d\.zip"$/,
    );
    expect(response.headers.get("cache-control")).toBe("no-store");
    const files = unzipSync(bytes);
    const root = Object.keys(files)[0]?.split("/")[0];
    const shop = JSON.parse(strFromU8(files[`${root}/shop.json`] ?? new Uint8Array()));
    expect(shop).toMatchObject({ format: "stall-shop-export", shop: { id: owner.shopId, name: "Export Noodles" } });
    expect(files[`${root}/tables/products.csv`]).toBeDefined();
  });

  it("another shop's owner gets 404 for the page and the file; a helper gets the no-right page", async () => {
    const a = await newOwner(stack, "Shop A");
    const b = await newOwner(stack, "Shop B");
    expect((await b.browser.get(`/shops/${a.shopId}/settings/export`)).status).toBe(404);
    const file = await b.browser.get(`/shops/${a.shopId}/settings/export.zip`);
    expect(file.status).toBe(404);
    expect(file.body).not.toContain("Shop A");
    const helper = await helperOf(a, ["orders", "catalogue", "settings"]);
    const page = await helper.get(`/shops/${a.shopId}/settings/export`);
    expect(page.status).toBe(403);
    expect(page.body).toContain("only the owner can change");
    const helperFile = await helper.get(`/shops/${a.shopId}/settings/export.zip`);
    expect(helperFile.status).toBe(403);
    expect(helperFile.headers.get("content-type")).not.toBe("application/zip");
  });
});

describe("closing and deleting a shop", () => {
  it("asks for the shop's name, closes the shop, and can be undone (no JavaScript needed)", async () => {
    const owner = await newOwner(stack, "Wang's Noodles");
    const here = `/shops/${owner.shopId}/settings/delete`;
    const settings = await owner.browser.get(`/shops/${owner.shopId}/settings`);
    expect(settings.body).toContain(`href="${here}"`);
    const page = await owner.browser.get(here);
    expect(page.status).toBe(200);
    expect(textOf(page.body)).toContain("To confirm, type your shop's name: Wang's Noodles");
    expect(page.body).toContain(`href="/shops/${owner.shopId}/settings/export"`);

    // Nothing typed, or the wrong name: the error summary links to the field, and nothing happens.
    for (const typed of ["", "Wang"]) {
      const wrong = await owner.browser.post(here, { do: "schedule", confirmName: typed });
      expect(wrong.status).toBe(422);
      expect(wrong.body).toContain('href="#confirmName"');
      expect(textOf(wrong.body)).toContain("Type your shop's name, Wang's Noodles, as it is shown");
      expect(wrong.body).toContain('aria-invalid="true"');
    }
    expect((await shopOf(owner))?.deletionDueAt).toBeNull();

    const scheduled = await owner.browser.post(here, { do: "schedule", confirmName: "Wang's Noodles" });
    expect(scheduled.status).toBe(303);
    const after = await owner.browser.follow(scheduled);
    expect(textOf(after.body)).toContain("Your shop is closed and will be deleted");
    const due = (await shopOf(owner))?.deletionDueAt ?? 0;
    expect(due - Date.now()).toBeGreaterThan(13.9 * 24 * 3_600_000);
    expect(after.body).toContain("data-deletion-due");
    const listed = await owner.browser.get(`/shops/${owner.shopId}/settings`);
    expect(textOf(listed.body)).toContain("Deleted on");

    const undone = await owner.browser.post(here, { do: "undo" });
    expect(undone.status).toBe(303);
    expect(undone.location).toBe(`${here}?done=undone`);
    expect(textOf((await owner.browser.follow(undone)).body)).toContain(
      "Your shop is open again. Nothing was deleted.",
    );
    expect((await shopOf(owner))?.deletionDueAt).toBeNull();
  });

  it("speaks Chinese to a Chinese owner", async () => {
    const owner = await newOwner(stack, "王记面馆");
    const zh = new Browser(stack.dashboardUrl, { acceptLanguage: "zh-CN" });
    for (const [name, value] of owner.browser.cookies) zh.cookies.set(name, value);
    const here = `/shops/${owner.shopId}/settings/delete`;
    const page = await zh.get(here);
    expect(textOf(page.body)).toContain("请输入店铺名称以确认：王记面馆");
    expect(textOf(page.body)).toContain("关闭店铺，14 天后删除");
    const scheduled = await zh.follow(await zh.post(here, { do: "schedule", confirmName: "王记面馆" }));
    expect(textOf(scheduled.body)).toContain("店铺已关闭，将被删除");
    expect(textOf(scheduled.body)).toContain("保留店铺并重新开放");
    const exportPage = await zh.get(`/shops/${owner.shopId}/settings/export`);
    expect(textOf(exportPage.body)).toContain("下载压缩文件");
  });

  it("another shop's owner gets 404 and changes nothing; a helper gets the no-right page", async () => {
    const a = await newOwner(stack, "Shop A");
    const b = await newOwner(stack, "Shop B");
    const here = `/shops/${a.shopId}/settings/delete`;
    expect((await b.browser.get(here)).status).toBe(404);
    const posted = await b.browser.post(here, { do: "schedule", confirmName: "Shop A" });
    expect(posted.status).toBe(404);
    expect(posted.body).not.toContain("Shop A");
    const helper = await helperOf(a, ["orders", "catalogue", "settings"]);
    const page = await helper.get(here);
    expect(page.status).toBe(403);
    expect(page.body).toContain("only the owner can change");
    expect((await helper.post(here, { do: "schedule", confirmName: "Shop A" })).status).toBe(403);
    expect((await shopOf(a))?.deletionDueAt).toBeNull();
  });
});
