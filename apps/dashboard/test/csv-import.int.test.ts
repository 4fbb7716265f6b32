// The products import's summary: what was added and changed, the file's columns left out and the rows
// changed a little, in plain words in English and Chinese; the strict reader's refusals in Chinese.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser, type Stack, startStack } from "./stack.ts";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

let counter = 0;
const password = "noodles every saturday";

async function newOwner(acceptLanguage = "en") {
  const browser = new Browser(stack.dashboardUrl, { acceptLanguage });
  const email = `owner-csv-import-${++counter}@example.test`;
  expect((await browser.post("/sign-up", { name: "Mei", email, password })).status).toBe(303);
  const created = await browser.post("/new-shop", { name: "Mei's Noodles", slug: "", currency: "CNY" });
  const shopId = /\/shops\/([^/]+)\//.exec(created.location ?? "")?.[1] ?? "";
  return { browser, shopId, path: `/shops/${shopId}/products/import` };
}

const csvFile = (text: string) => new Blob([text], { type: "text/csv" });
// A Shopify file with columns Stall has no place for, a was-price at the price and oversold stock.
const FILE = [
  "Handle,Title,Option1 Name,Option1 Value,Option1 Linked To,Variant Price,Variant Compare At Price,Variant Inventory Tracker,Variant Inventory Qty,Google Shopping / Gender",
  "noodles,Hand-pulled noodles,Size,Small,product.metafields.shopify.size,12.50,12.50,shopify,10,unisex",
  "noodles,,,Large,,16.00,18.00,shopify,-3,",
  "chili-oil,Chili oil,Title,Default Title,,8.00,,shopify,3,",
].join("\n");

describe("the import's summary", () => {
  it("says what was added, which columns were left out and which rows changed a little, after a redirect", async () => {
    const owner = await newOwner();
    const done = await owner.browser.post(owner.path, { file: csvFile(FILE), mode: "create" });
    expect(done.status).toBe(303);
    // The photo job's id comes last, for the link to its progress page (decision 030).
    expect(done.location?.replace(/&import=imp_[0-9a-z]{26}$/, "")).toBe(
      `${owner.path}?added=2&changed=0&photos=0&notKept=1%3AOption1+Linked+To&notKept=1%3AGoogle+Shopping+%2F+Gender&warnings=2&w=2c%2C3s`,
    );
    expect(done.location).toMatch(/&import=imp_[0-9a-z]{26}$/);
    const page = await owner.browser.follow(done);
    expect(page.status).toBe(200);
    expect(page.body).toContain("Done: 2 products added, 0 changed.");
    expect(page.body).toContain("Columns left out");
    expect(page.body).toContain("<li>Option1 Linked To (1 row)</li>");
    expect(page.body).toContain("<li>Google Shopping / Gender (1 row)</li>");
    expect(page.body).toContain("2 rows were changed a little");
    expect(page.body).toMatch(/Row 2<\/span>\s*the compare-at price was not higher than the price/);
    expect(page.body).toMatch(/Row 3<\/span>\s*the number you have was below 0 \(oversold\), so it is now 0\./);

    const zh = new Browser(stack.dashboardUrl, { acceptLanguage: "zh-CN" });
    for (const [name, value] of owner.browser.cookies) zh.cookies.set(name, value);
    const zhPage = await zh.get(done.location ?? "");
    expect(zhPage.body).toContain("没有导入的列");
    expect(zhPage.body).toContain("<li>Option1 Linked To（1 行）</li>");
    expect(zhPage.body).toContain("有 2 行稍微改动了");
    expect(zhPage.body).toMatch(/第 2 行<\/span>\s*原价不高于售价/);
  }, 60_000);

  it("shows a made-up address's text only as escaped words, never markup", async () => {
    const owner = await newOwner();
    const page = await owner.browser.get(`${owner.path}?added=1&notKept=1:%3Cscript%3Ealert(1)%3C/script%3E&w=2x`);
    expect(page.body).not.toContain("<script>alert(1)");
    expect(page.body).toContain("&lt;script&gt;alert(1)&lt;/script&gt; (1 row)");
  });

  it("refuses a file that is not valid CSV with the row, the column and what to do, in Chinese too", async () => {
    const owner = await newOwner("zh-CN");
    const bad = 'Handle,Title,Body (HTML),Variant Price\nmug,Mug,<p>Blue</p>,5\ncup, Cup, "<p>Red, small</p>",4\n';
    const refused = await owner.browser.post(owner.path, { file: csvFile(bad), mode: "create" });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatch(/第 3 行 · “Body \(HTML\)”列<\/span>\s*引号（&quot;）必须是单元格里的第一个字符/);
  });

  it("answers 404 to another shop's owner", async () => {
    const theirs = await newOwner();
    const mine = await newOwner();
    expect((await mine.browser.get(theirs.path)).status).toBe(404);
    expect((await mine.browser.post(theirs.path, { file: csvFile(FILE), mode: "create" })).status).toBe(404);
  });
});
