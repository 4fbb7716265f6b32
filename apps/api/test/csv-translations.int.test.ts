// A bilingual shop's products through the CSV: "Title [zh-CN]"-style columns after Shopify's carry the
// words in the shop's other language, in and out. Exporting and importing into another bilingual shop
// gives the same words; a shop that does not speak the language reports those columns as not kept; an
// update from a file without them keeps the words the shop has.
import { forShop } from "@stall/db";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownerWithShop } from "./client.ts";
import { createHarness, type Harness } from "./harness.ts";

let harness: Harness;

beforeAll(async () => {
  harness = await createHarness();
});

afterAll(() => harness?.cleanup());

type Owner = Awaited<ReturnType<typeof ownerWithShop>>;

async function bilingualOwner(): Promise<Owner> {
  const owner = await ownerWithShop(harness);
  const changed = await owner.api.call("PATCH", `/v1/shops/${owner.shopId}`, { extraLocales: ["zh-CN"] });
  expect(changed.status).toBe(200);
  return owner;
}

function importCsv(owner: Owner, csv: string, mode: "create" | "update" = "create") {
  return owner.api.call("POST", `/v1/shops/${owner.shopId}/products/import?mode=${mode}`, csv, {
    "content-type": "text/csv",
  });
}

async function wordsOf(owner: Owner, slug: string) {
  const product = await forShop(harness.database.db, owner.shopId).products.getBySlug(slug);
  return {
    translations: product?.translations,
    options: product?.options.map((option) => option.translations),
  };
}

const FILE = [
  "Handle,Title,Body (HTML),Option1 Name,Option1 Value,Variant Price,Title [zh-CN],Description [zh-CN],SEO title [zh-CN],Option1 name [zh-CN],Option1 value [zh-CN]",
  'tea,Green tea,<p>Spring <strong>tea</strong>.</p>,Size,Small,9.00,绿茶,"<p>春天的<strong>茶</strong>。</p>",买绿茶,规格,小包',
  "tea,,,,Large,16.00,,,,,",
  "bowl,Bowl,,Title,Default Title,5.00,,,,,",
].join("\n");

describe("translations in the product CSV", () => {
  it("imports the other language's words, exports them back, and a second shop reads the same", async () => {
    const owner = await bilingualOwner();
    const imported = await importCsv(owner, FILE);
    expect(imported.status).toBe(200);
    expect(imported.body.report.columnsNotKept).toEqual([]);
    expect(await wordsOf(owner, "tea")).toEqual({
      translations: { "zh-CN": { title: "绿茶", description: "春天的**茶**。", seoTitle: "买绿茶" } },
      options: [{ "zh-CN": { name: "规格", values: ["小包", ""] } }],
    });
    // A product without words has none.
    expect((await wordsOf(owner, "bowl")).translations).toEqual({});

    const exported = await owner.api.call("GET", `/v1/shops/${owner.shopId}/products/export`);
    expect(exported.status).toBe(200);
    const rows: Record<string, string>[] = parse(exported.text.replace(/^\uFEFF/, ""), { columns: true });
    const tea = rows.filter((row) => row["URL handle"] === "tea");
    expect(tea[0]).toMatchObject({
      "Title [zh-CN]": "绿茶",
      "Description [zh-CN]": "<p>春天的<strong>茶</strong>。</p>",
      "SEO title [zh-CN]": "买绿茶",
      "Option1 name [zh-CN]": "规格",
      "Option1 value [zh-CN]": "小包",
    });
    expect(tea[1]?.["Option1 value [zh-CN]"]).toBe("");

    const second = await bilingualOwner();
    expect((await importCsv(second, exported.text)).status).toBe(200);
    expect(await wordsOf(second, "tea")).toEqual(await wordsOf(owner, "tea"));
    const again = await second.api.call("GET", `/v1/shops/${second.shopId}/products/export`);
    expect(again.text).toBe(exported.text);
  });

  it("reports the columns of a language the shop does not speak as not kept", async () => {
    const owner = await ownerWithShop(harness);
    const imported = await importCsv(owner, FILE);
    expect(imported.status).toBe(200);
    expect(imported.body.report.columnsNotKept).toEqual([
      { column: "Title [zh-CN]", rows: 1 },
      { column: "Description [zh-CN]", rows: 1 },
      { column: "SEO title [zh-CN]", rows: 1 },
      { column: "Option1 name [zh-CN]", rows: 1 },
      { column: "Option1 value [zh-CN]", rows: 1 },
    ]);
    expect((await wordsOf(owner, "tea")).translations).toEqual({});
  });

  it("an update from a file without the language keeps the shop's words; one with it replaces them", async () => {
    const owner = await bilingualOwner();
    expect((await importCsv(owner, FILE)).status).toBe(200);
    const before = await wordsOf(owner, "tea");

    const plain = [
      "Handle,Title,Option1 Name,Option1 Value,Variant Price",
      "tea,Green tea,Size,Small,9.50",
      "tea,,,Large,16.00",
    ];
    expect((await importCsv(owner, plain.join("\n"), "update")).status).toBe(200);
    expect(await wordsOf(owner, "tea")).toEqual(before);

    const cleared = [
      "Handle,Title,Option1 Name,Option1 Value,Variant Price,Title [zh-CN]",
      "tea,Green tea,Size,Small,9.50,新绿茶",
      "tea,,,Large,16.00,",
    ];
    expect((await importCsv(owner, cleared.join("\n"), "update")).status).toBe(200);
    expect(await wordsOf(owner, "tea")).toEqual({
      translations: { "zh-CN": { title: "新绿茶" } },
      options: [{}],
    });
  });
});
