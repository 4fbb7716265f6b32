// The product editor on the built dashboard against the real API (its own process, a real libSQL file,
// real sharp on photos this file makes): several photos (add, reorder, describe, remove), sizes and
// colours with up to 3 options and a row per combination, prices in the shop's currency, copies,
// deleting with a confirmation page, and who may do any of it.

import { createApiClient } from "@stall/api-client";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Browser, linkFromMail, type Stack, startStack } from "./stack.ts";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

let counter = 0;
const uniqueEmail = (name: string) => `${name}-editor-${++counter}@example.test`;
const password = "noodles every saturday";
/** A real JPEG, a different one per colour (the API stores the same bytes once). */
const photo = (background: string, width = 800) =>
  sharp({ create: { width, height: (width * 3) / 4, channels: 3, background } })
    .jpeg()
    .toBuffer()
    .then((bytes) => new Blob([new Uint8Array(bytes)], { type: "image/jpeg" }));
const idFrom = (location: string | null) => /\/products\/([^/?#]+)/.exec(location ?? "")?.[1] ?? "";
const pathOf = (link: string) => {
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
};
const decode = (html: string) =>
  html
    .replace(/&amp;/g, "&")
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"');

/** A new owner with a shop (no products yet), signed up through the dashboard. */
async function newOwner(currency = "CNY") {
  const browser = new Browser(stack.dashboardUrl);
  const email = uniqueEmail("owner");
  expect((await browser.post("/sign-up", { name: "Mei", email, password })).status).toBe(303);
  const created = await browser.post("/new-shop", { name: "Mei's Noodles", slug: "", currency });
  const shopId = /\/shops\/([^/]+)\//.exec(created.location ?? "")?.[1] ?? "";
  const api = createApiClient({ baseUrl: stack.apiUrl, token: browser.cookies.get("stall_session") ?? "" });
  const product = async (productId: string) =>
    (await api.GET("/v1/shops/{shopId}/products/{productId}", { params: { path: { shopId, productId } } })).data;
  const all = async () =>
    (await api.GET("/v1/shops/{shopId}/products", { params: { path: { shopId } } })).data?.items ?? [];
  const media = async () =>
    (await api.GET("/v1/shops/{shopId}/media", { params: { path: { shopId } } })).data?.items ?? [];
  return { browser, email, shopId, api, product, all, media, base: `/shops/${shopId}/products` };
}
type Owner = Awaited<ReturnType<typeof newOwner>>;

/** Adds a product through the editor (multipart, as a browser without JavaScript sends it). */
async function addProduct(owner: Owner, fields: Record<string, string>, photos: Blob[] = []) {
  const form = new FormData();
  for (const [name, value] of Object.entries({ status: "active", action: "save", ...fields })) form.set(name, value);
  for (const file of photos) form.append("photo", file, "photo.jpg");
  const reply = await owner.browser.post(`${owner.base}/new`, form);
  expect(reply.status, reply.body.slice(0, 2000)).toBe(303);
  return idFrom(reply.location);
}

describe("photos", () => {
  it("adds several, moves them (the first is the main one), describes and removes them, without JavaScript", async () => {
    const owner = await newOwner();
    const productId = await addProduct(owner, { title: "Noodles", price: "12.50" }, [
      await photo("#d08c3a"),
      await photo("#3a8cd0"),
    ]);
    const first = await owner.product(productId);
    const [orange, blue] = first?.photos.map((item) => item.id) ?? [];
    expect(first?.photos).toHaveLength(2);
    // Each photo starts described by the product's name, so a screen reader says something useful.
    expect(first?.photos.map((item) => item.alt)).toEqual(["Noodles", "Noodles"]);

    const editor = await owner.browser.get(`${owner.base}/${productId}`);
    expect(editor.body).toContain("2 photos");
    expect(editor.body).toContain(`href="${owner.base}/${productId}/photos"`);

    const photosPath = `${owner.base}/${productId}/photos`;
    const page = await owner.browser.get(photosPath);
    expect(page.status).toBe(200);
    expect(page.body).toContain("Main photo");
    expect(page.body).toContain("Describe the photo for people who cannot see it");
    expect(page.body).toContain('enctype="multipart/form-data"');
    expect(page.body).toContain(`value="up:${blue}"`);
    expect(page.body).not.toContain(`value="up:${orange}"`);

    // Add a third photo (a plain multipart form).
    const added = await owner.browser.post(photosPath, { action: "add", photo: await photo("#3ad08c") });
    expect(added.status).toBe(303);
    expect(added.location).toBe(`${photosPath}?added=1`);
    expect((await owner.browser.follow(added)).body).toContain("The photo is added.");
    const three = (await owner.product(productId))?.photos.map((item) => item.id) ?? [];
    expect(three.slice(0, 2)).toEqual([orange, blue]);
    const green = three[2] ?? "";
    expect(green).toMatch(/^med_/);

    // Move the new one up twice: it becomes the main photo; describe it on the way.
    const alt = "A bowl of noodles with green onions on top";
    const moved = await owner.browser.post(photosPath, { [`alt-${green}`]: alt, action: `up:${green}` });
    expect(moved.status).toBe(303);
    expect(moved.location).toBe(`${photosPath}?moved=${green}#photo-${green}`);
    await owner.browser.post(photosPath, { action: `up:${green}` });
    const reordered = await owner.product(productId);
    expect(reordered?.photos.map((item) => item.id)).toEqual([green, orange, blue]);
    expect(reordered?.photos[0]?.alt).toBe(alt);
    const list = await owner.browser.get(owner.base);
    const greenThumb = reordered?.photos[0]?.renditions.find((item) => item.format === "jpeg" && item.width === 360);
    expect(list.body).toContain(`src="${greenThumb?.url}"`);
    // Down works too, and a move past the end changes nothing.
    await owner.browser.post(photosPath, { action: `down:${orange}` });
    await owner.browser.post(photosPath, { action: `down:${orange}` });
    expect((await owner.product(productId))?.photos.map((item) => item.id)).toEqual([green, blue, orange]);

    // A description too long comes back with the message by the field; nothing changes.
    const long = await owner.browser.post(photosPath, { [`alt-${blue}`]: "x".repeat(301), action: "save" });
    expect(long.status).toBe(422);
    expect(long.body).toContain(`href="#alt-${blue}"`);
    expect(long.body).toContain("Use at most 300 letters to describe the photo");

    // Remove one: it leaves the product, and its bytes leave the shop (no other product shows it).
    const removed = await owner.browser.post(photosPath, { action: `remove:${blue}` });
    expect(removed.location).toBe(`${photosPath}?removed=1`);
    expect((await owner.product(productId))?.photos.map((item) => item.id)).toEqual([green, orange]);
    expect((await owner.media()).map((item) => item.id).sort()).toEqual([green, orange].sort());
  }, 120_000);

  it("is shown in the editor and the shop as soon as the upload is answered: every WebP and JPEG size is made before that, AVIF follows", async () => {
    // The API makes every WebP and JPEG rendition (360, 720 and 1200 px) and stores it before it answers
    // the upload, and only then can a product point at the photo. So there is no moment when a product
    // shows a photo with one of those missing. AVIF is made by the API's background worker afterwards
    // (decision 038) and joins the photo whole. This checks it from the outside.
    const owner = await newOwner();
    const setup = `/shops/${owner.shopId}/setup`;
    expect(
      (await owner.browser.post(`${setup}/product`, { photo: await photo("#d08c3a"), title: "Noodles", price: "12" }))
        .status,
    ).toBe(303);
    await owner.browser.post(`${setup}/collect`, { placeName: "Stall", address: "Saturday market" });
    await owner.browser.post(`${setup}/publish`, { do: "publish" });
    const productId = (await owner.all())[0]?.id ?? "";
    const photosPath = `${owner.base}/${productId}/photos`;

    const added = await owner.browser.post(photosPath, { action: "add", photo: await photo("#8c3ad0", 1600) });
    expect(added.status).toBe(303);
    const saved = await owner.product(productId);
    let fresh = saved?.photos[1];
    const sizes = () => fresh?.renditions.map((item) => `${item.format} ${item.width}`).sort();
    const webpAndJpeg = ["jpeg 360", "jpeg 720", "jpeg 1200", "webp 360", "webp 720", "webp 1200"].sort();
    const all = [...webpAndJpeg, "avif 360", "avif 720", "avif 1200"].sort();
    // AVIF is all there or not there yet, never part of it.
    expect([webpAndJpeg, all]).toContainEqual(sizes());
    await vi.waitFor(
      async () => {
        fresh = (await owner.product(productId))?.photos[1];
        expect(sizes()).toEqual(all);
      },
      { timeout: 60_000, interval: 200 },
    );
    for (const rendition of fresh?.renditions ?? []) {
      const file = await fetch(rendition.url);
      expect(file.status, rendition.url).toBe(200);
      expect(file.headers.get("content-type")).toBe(`image/${rendition.format}`);
      expect((await file.arrayBuffer()).byteLength).toBe(rendition.bytes);
    }
    // The editor's photos page shows it, and so does the shop (the storefront's snapshot).
    const page = await owner.browser.get(photosPath);
    expect(page.body).toContain(fresh?.renditions.find((item) => item.format === "jpeg" && item.width === 360)?.url);
    const shop = (await owner.api.GET("/v1/shops/{shopId}", { params: { path: { shopId: owner.shopId } } })).data;
    const host = new URL(shop?.url ?? "").hostname;
    const snapshot = (await createApiClient({ baseUrl: stack.apiUrl }).GET("/v1/storefront/{host}/snapshot", {
      params: { path: { host } },
    })) as { data?: { products: { id: string; photos: { id: string }[] }[] } };
    expect(snapshot.data?.products.find((item) => item.id === productId)?.photos.map((item) => item.id)).toEqual(
      saved?.photos.map((item) => item.id),
    );
  }, 120_000);

  it("keeps the photos that worked when one in the same form is refused, and says which went wrong", async () => {
    const owner = await newOwner();
    const productId = await addProduct(owner, { title: "Noodles", price: "12" });
    const photosPath = `${owner.base}/${productId}/photos`;
    expect((await owner.browser.get(photosPath)).body).toContain("This product has no photos yet.");
    const form = new FormData();
    form.set("action", "add");
    form.append("photo", await photo("#123456"), "good.jpg");
    form.append("photo", new Blob(["<svg xmlns='http://www.w3.org/2000/svg'/>"], { type: "image/svg+xml" }), "x.svg");
    const reply = await owner.browser.post(photosPath, form);
    expect(reply.status).toBe(422);
    expect(reply.body).toContain('href="#photo"');
    expect(reply.body).toContain("We could not use this photo.");
    expect((await owner.product(productId))?.photos).toHaveLength(1);
    // Nothing chosen: said plainly.
    const empty = await owner.browser.post(photosPath, { action: "add" });
    expect(empty.status).toBe(422);
    expect(empty.body).toContain("Choose or take a photo");
  }, 60_000);
});

describe("sizes and colours", () => {
  it("makes a row for every combination of up to 3 options, each with its own price and count", async () => {
    const owner = await newOwner();
    // Without JavaScript: type the first option, ask for another, type it, show the table, then save.
    const another = await owner.browser.post(`${owner.base}/new`, {
      title: "T-shirt",
      price: "80",
      status: "active",
      "optionName-0": "Size",
      "optionValues-0": "S, M, L",
      action: "addOption",
    });
    expect(another.status).toBe(200);
    expect(another.body).toContain('id="optionName-1"');
    expect(another.body).toContain("Something else that changes (2 of 3)");
    expect(await owner.all()).toEqual([]);
    const table = await owner.browser.post(`${owner.base}/new`, {
      title: "T-shirt",
      price: "80",
      status: "active",
      "optionName-0": "Size",
      "optionValues-0": "S, M, L",
      "optionName-1": "Colour",
      "optionValues-1": "red，blue",
      action: "refresh",
    });
    expect(table.status).toBe(200);
    const labels = [...table.body.matchAll(/<th scope="row" id="row-\d+">([^<]+)</g)].map((match) => match[1]);
    expect(labels).toEqual(["S / red", "S / blue", "M / red", "M / blue", "L / red", "L / blue"]);
    expect(table.body).toContain("Price (¥)");
    expect(table.body).toContain('aria-labelledby="col-price row-3"');
    expect(await owner.all()).toEqual([]);

    // Save with M / blue dearer and a count per row.
    const sizes = ["S", "M", "L"];
    const colours = ["red", "blue"];
    const keys = sizes.flatMap((size) => colours.map((colour) => JSON.stringify([size, colour])));
    const productId = await saveTable(owner, "new", {
      fields: { title: "T-shirt", price: "80", priceBefore: "80", ...options(["Size", sizes], ["Colour", colours]) },
      rows: keys.map((key, index) => [key, key === '["M","blue"]' ? "95.50" : "80", String(index + 1)]),
    });
    const product = await owner.product(productId);
    expect(product?.options.map((option) => [option.name, option.values])).toEqual([
      ["Size", ["S", "M", "L"]],
      ["Colour", ["red", "blue"]],
    ]);
    expect(variantsOf(product)).toEqual([
      ["S/red", 8000, 1],
      ["S/blue", 8000, 2],
      ["M/red", 8000, 3],
      ["M/blue", 9550, 4],
      ["L/red", 8000, 5],
      ["L/blue", 8000, 6],
    ]);
    const ids = new Map(product?.variants.map((variant) => [variant.optionValues.join("/"), variant.id]));

    // The editor shows the saved table; removing M keeps every other row's price, count and id.
    const editor = await owner.browser.get(`${owner.base}/${productId}`);
    expect(editor.body).toContain('name="variantKey" value="[&quot;M&quot;,&quot;blue&quot;]"');
    expect(editor.body).toContain('id="variantPrice-3" name="variantPrice-3" value="95.50"');
    const fewer = new FormData();
    for (const [name, value] of Object.entries({
      title: "T-shirt",
      price: "80",
      priceBefore: "80",
      status: "active",
      action: "save",
      ...options(["Size", ["S", "L"]], ["Colour", colours]),
    }))
      fewer.set(name, value);
    // As the browser sends it: the table as it was shown (six rows), with the option's new choices.
    keys.forEach((key, index) => {
      fewer.append("variantKey", key);
      fewer.set(`variantPrice-${index}`, key === '["M","blue"]' ? "95.50" : index === 4 ? "70" : "80");
      fewer.set(`variantStock-${index}`, String(index + 1));
    });
    expect((await owner.browser.post(`${owner.base}/${productId}`, fewer)).status).toBe(303);
    const after = await owner.product(productId);
    expect(variantsOf(after)).toEqual([
      ["S/red", 8000, 1],
      ["S/blue", 8000, 2],
      ["L/red", 7000, 5],
      ["L/blue", 8000, 6],
    ]);
    for (const variant of after?.variants ?? []) expect(variant.id).toBe(ids.get(variant.optionValues.join("/")));

    // A new usual price moves the rows that had the old one; a row with its own price keeps it.
    const dearer = await saveTable(owner, productId, {
      fields: {
        title: "T-shirt",
        price: "85",
        priceBefore: "80",
        ...options(["Size", ["S", "L"]], ["Colour", colours]),
      },
      rows: [
        ['["S","red"]', "80", "1"],
        ['["S","blue"]', "80", "2"],
        ['["L","red"]', "70", "5"],
        ['["L","blue"]', "80", "6"],
      ],
    });
    expect(dearer).toBe(productId);
    expect(variantsOf(await owner.product(productId)).map((row) => row[1])).toEqual([8500, 8500, 7000, 8500]);

    // A third option: each new row starts from the price of the row it grew from; the list counts them.
    const grown = await owner.browser.post(`${owner.base}/${productId}`, {
      title: "T-shirt",
      price: "85",
      status: "active",
      ...options(["Size", ["S", "L"]], ["Colour", colours], ["Cloth", ["cotton", "linen"]]),
      action: "refresh",
    });
    expect(grown.body).toContain('<th scope="row" id="row-4">L / red / cotton');
    expect(grown.body).toContain('id="variantPrice-4" name="variantPrice-4" value="70.00"');
    expect(grown.body).not.toContain("Add something else that changes");
  }, 90_000);

  it("refuses more than 100 combinations, and options without a name or choices, writing nothing", async () => {
    const owner = await newOwner();
    const many = Array.from({ length: 11 }, (_, index) => `c${index}`);
    const reply = await owner.browser.post(`${owner.base}/new`, {
      title: "Beads",
      price: "1",
      status: "active",
      action: "save",
      ...options(["Size", many], ["Colour", many]),
      "optionName-2": "",
      "optionValues-2": "a, b",
    });
    expect(reply.status).toBe(422);
    expect(decode(reply.body)).toContain("Write what changes, for example Size");
    const again = await owner.browser.post(`${owner.base}/new`, {
      title: "Beads",
      price: "1",
      status: "active",
      action: "save",
      ...options(["Size", many], ["Colour", many]),
    });
    expect(again.status).toBe(422);
    expect(again.body).toContain("These choices make 121 sizes and colours; the most is 100. Use fewer choices.");
    expect(again.body).toContain('href="#optionValues-1"');
    expect(await owner.all()).toEqual([]);
  });
});

describe("prices as people type them", () => {
  it("follows the shop's currency: yen has no decimals, and the message says how to write it", async () => {
    const owner = await newOwner("JPY");
    const page = await owner.browser.get(`${owner.base}/new`);
    expect(page.body).toContain("In JPY. For example 1200");
    expect(page.body).toContain('<span class="prefix" aria-hidden="true">¥</span>');
    const decimals = await owner.browser.post(`${owner.base}/new`, {
      title: "Mochi",
      price: "1200.50",
      status: "active",
      action: "save",
    });
    expect(decimals.status).toBe(422);
    expect(decimals.body).toContain("Too many digits after the point for JPY. Enter a price like 1200");
    const words = await owner.browser.post(`${owner.base}/new`, { title: "Mochi", price: "a lot", action: "save" });
    expect(words.body).toContain("Enter a price like 1200");
    expect(await owner.all()).toEqual([]);
    const id = await addProduct(owner, { title: "Mochi", price: "¥1,200" });
    expect((await owner.product(id))?.variants[0]?.price).toBe(1200);
    expect((await owner.browser.get(`${owner.base}/${id}`)).body).toContain('value="1200"');
  });

  it("takes a decimal comma and says which row of the table is wrong", async () => {
    const owner = await newOwner("EUR");
    const reply = await owner.browser.post(`${owner.base}/new`, {
      title: "Scarf",
      price: "12,50",
      status: "active",
      action: "save",
      ...options(["Colour", ["red", "blue"]]),
      variantKey: '["blue"]',
      priceBefore: "12,50",
      "variantPrice-0": "9.999",
    });
    expect(reply.status).toBe(422);
    expect(reply.body).toContain("blue: Too many digits after the point for EUR. Enter a price like 12.50");
    expect(reply.body).toContain('href="#variantPrice-1"');
    expect(reply.body).toContain('aria-describedby="variantPrice-1-error"');
    const fixed = await owner.browser.post(`${owner.base}/new`, {
      title: "Scarf",
      price: "12,50",
      status: "active",
      action: "save",
      ...options(["Colour", ["red", "blue"]]),
    });
    expect(fixed.status).toBe(303);
    expect(variantsOf(await owner.product(idFrom(fixed.location))).map((row) => row[1])).toEqual([1250, 1250]);
  });

  it("keeps a was-price and SKU set elsewhere when the editor saves", async () => {
    const owner = await newOwner();
    const id = await addProduct(owner, { title: "Tea", price: "20" });
    const saved = await owner.product(id);
    const variant = saved?.variants[0];
    await owner.api.PATCH("/v1/shops/{shopId}/products/{productId}", {
      params: { path: { shopId: owner.shopId, productId: id } },
      body: { variants: [{ id: variant?.id ?? "", price: 2000, compareAtPrice: 2500, sku: "TEA-1", stock: 4 }] },
    });
    const reply = await owner.browser.post(`${owner.base}/${id}`, {
      title: "Green tea",
      price: "21",
      stock: "4",
      status: "active",
      action: "save",
    });
    expect(reply.status).toBe(303);
    const after = (await owner.product(id))?.variants[0];
    expect([after?.id, after?.price, after?.compareAtPrice, after?.sku]).toEqual([variant?.id, 2100, 2500, "TEA-1"]);
  });
});

describe("copies and deleting", () => {
  it("copies a product with its sizes and colours and photos, as a draft", async () => {
    const owner = await newOwner();
    const id = await addProduct(
      owner,
      { title: "Socks", price: "10", ...options(["Size", ["S", "M"]], ["Colour", ["red", "blue"]]) },
      [await photo("#aa3300")],
    );
    const copied = await owner.browser.post(`${owner.base}/${id}`, { action: "duplicate" });
    const copy = await owner.product(idFrom(copied.location));
    const original = await owner.product(id);
    expect(copy?.title).toBe("Copy of Socks");
    expect(copy?.status).toBe("draft");
    expect(copy?.options).toEqual(original?.options.map((option) => ({ ...option, id: expect.any(String) })));
    expect(variantsOf(copy)).toEqual(variantsOf(original));
    expect(copy?.photos.map((item) => item.id)).toEqual(original?.photos.map((item) => item.id));
    // Removing the shared photo from the copy keeps it on the original (its bytes stay: still in use).
    const copyPhotos = `${owner.base}/${copy?.id}/photos`;
    await owner.browser.post(copyPhotos, { action: `remove:${copy?.photos[0]?.id}` });
    expect((await owner.product(id))?.photos).toHaveLength(1);
    expect(await owner.media()).toHaveLength(1);
  });

  it("asks before deleting, says what happens, and past orders keep their lines", async () => {
    const owner = await newOwner();
    const setup = `/shops/${owner.shopId}/setup`;
    await owner.browser.post(`${setup}/product`, { photo: await photo("#445566"), title: "Dumplings", price: "30" });
    await owner.browser.post(`${setup}/collect`, { placeName: "Stall", address: "Saturday market" });
    await owner.browser.post(`${setup}/publish`, { do: "publish" });
    const product = (await owner.all())[0];
    const shop = (await owner.api.GET("/v1/shops/{shopId}", { params: { path: { shopId: owner.shopId } } })).data;
    const points = (
      await owner.api.GET("/v1/shops/{shopId}/pickup-points", { params: { path: { shopId: owner.shopId } } })
    ).data;
    const placed = await createApiClient({ baseUrl: stack.apiUrl }).POST("/v1/storefront/{host}/checkouts", {
      params: { path: { host: new URL(shop?.url ?? "").hostname }, header: { "idempotency-key": `editor-${counter}` } },
      body: {
        lines: [{ variantId: product?.variants[0]?.id ?? "", quantity: 2 }],
        buyer: { name: "Ana", email: "ana@example.test", phone: "+86 138 0000 0000" },
        fulfilment: { type: "pickup", pickupPointId: points?.items[0]?.id ?? "" },
        paymentMethod: "pay_at_pickup",
      },
    });
    expect(placed.error).toBeUndefined();

    const editor = await owner.browser.get(`${owner.base}/${product?.id}`);
    expect(editor.body).toContain(`href="${owner.base}/${product?.id}/delete"`);
    const deletePath = `${owner.base}/${product?.id}/delete`;
    const ask = await owner.browser.get(deletePath);
    expect(ask.status).toBe(200);
    expect(ask.body).toContain("<h1>Delete Dumplings?</h1>");
    expect(ask.body).toContain("orders already placed keep it, with its name and price");
    expect(ask.body).toContain("choose Hidden instead");
    expect(ask.body).toContain("No, keep it");
    expect(await owner.all()).toHaveLength(1);

    const deleted = await owner.browser.post(deletePath, {});
    expect(deleted.status).toBe(303);
    expect(deleted.location).toBe(`${owner.base}?deleted=1`);
    expect((await owner.browser.follow(deleted)).body).toContain("The product is deleted.");
    expect(await owner.all()).toEqual([]);
    expect((await owner.browser.get(`${owner.base}/${product?.id}`)).status).toBe(404);
    // A second tap (or another phone) does no harm: the product is gone either way.
    expect((await owner.browser.get(deletePath)).status).toBe(404);

    const orders = await owner.api.GET("/v1/shops/{shopId}/orders", { params: { path: { shopId: owner.shopId } } });
    const orderId = orders.data?.items[0]?.id ?? "";
    const order = (
      await owner.api.GET("/v1/shops/{shopId}/orders/{orderId}", {
        params: { path: { shopId: owner.shopId, orderId } },
      })
    ).data;
    expect(order?.lines.map((line) => [line.title, line.quantity, line.unitPrice])).toEqual([["Dumplings", 2, 3000]]);
  }, 90_000);
});

describe("who may open the editor's pages", () => {
  it("answers 404 to another shop's owner on every editor page, and changes nothing of it", async () => {
    const theirs = await newOwner();
    const mine = await newOwner();
    const theirId = await addProduct(theirs, { title: "Their noodles", price: "9", stock: "3" }, [
      await photo("#0a0b0c"),
    ]);
    const theirPhoto = (await theirs.product(theirId))?.photos[0]?.id ?? "";
    const myId = await addProduct(mine, { title: "My noodles", price: "5" }, [await photo("#0c0b0a")]);
    const pages = ["", "/photos", "/delete"];
    for (const shopId of [theirs.shopId, mine.shopId]) {
      for (const page of pages) {
        const path = `/shops/${shopId}/products/${theirId}${page}`;
        const got = await mine.browser.get(path);
        expect(got.status, path).toBe(404);
        expect(got.body).not.toContain("Their noodles");
        const attempts: Record<string, string>[] = [
          { title: "Mine now", price: "1", status: "active", action: "save" },
          { action: "duplicate" },
          { action: `remove:${theirPhoto}` },
          { action: `up:${theirPhoto}`, [`alt-${theirPhoto}`]: "mine" },
          {},
        ];
        for (const fields of attempts) {
          const posted = await mine.browser.post(path, fields);
          expect(posted.status, `${path} ${JSON.stringify(fields)}`).toBe(404);
        }
        const upload = await mine.browser.post(path, { action: "add", photo: await photo("#777777") });
        expect(upload.status, path).toBe(404);
      }
    }
    // Their photo's id sent through my own pages: my product's photos page ignores it, and a new product
    // of mine cannot take it.
    await mine.browser.post(`${mine.base}/${myId}/photos`, {
      [`alt-${theirPhoto}`]: "stolen",
      action: `remove:${theirPhoto}`,
    });
    const withTheirs = await mine.browser.post(`${mine.base}/new`, {
      mediaId: theirPhoto,
      title: "Borrowed",
      price: "1",
      status: "active",
      action: "save",
    });
    expect(withTheirs.status).toBe(422);
    expect(withTheirs.body).toContain("We could not use this photo.");
    expect(withTheirs.body).not.toContain(theirPhoto);

    const after = await theirs.product(theirId);
    expect(after?.title).toBe("Their noodles");
    expect(after?.photos.map((item) => [item.id, item.alt])).toEqual([[theirPhoto, "Their noodles"]]);
    expect(after?.variants[0]?.stock).toBe(3);
    expect((await theirs.all()).map((item) => item.title)).toEqual(["Their noodles"]);
    expect((await mine.all()).map((item) => item.title)).toEqual(["My noodles"]);
  }, 120_000);

  it("shows a helper without the products right the NoRight page on every editor page", async () => {
    const owner = await newOwner();
    const id = await addProduct(owner, { title: "Noodles", price: "12" }, [await photo("#101010")]);
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

    const photoId = (await owner.product(id))?.photos[0]?.id ?? "";
    for (const page of ["", "/photos", "/delete"]) {
      const path = `${owner.base}/${id}${page}`;
      const got = await helper.get(path);
      expect(got.status, path).toBe(403);
      expect(decode(got.body)).toContain(
        "Your helper access does not include products. The shop's owner can add it for you.",
      );
      expect(got.body).not.toContain(photoId);
      const posted = await helper.post(path, { action: `remove:${photoId}`, title: "Sneaky", price: "1" });
      expect(posted.status, path).toBe(403);
    }
    const after = await owner.product(id);
    expect(after?.title).toBe("Noodles");
    expect(after?.photos.map((item) => item.id)).toEqual([photoId]);
  }, 60_000);
});

/** The option fields as the editor names them. */
function options(...list: [string, string[]][]): Record<string, string> {
  return Object.fromEntries(
    list.flatMap(([name, values], index) => [
      [`optionName-${index}`, name],
      [`optionValues-${index}`, values.join(", ")],
    ]),
  );
}

type ProductView = Awaited<ReturnType<Owner["product"]>>;
function variantsOf(product: ProductView) {
  return (product?.variants ?? []).map((variant) => [variant.optionValues.join("/"), variant.price, variant.stock]);
}

/** Saves the editor with a table of rows ([key, price, count]), as the browser sends it; answers the id. */
async function saveTable(
  owner: Owner,
  productId: string,
  table: { fields: Record<string, string>; rows: [string, string, string][] },
) {
  const form = new FormData();
  for (const [name, value] of Object.entries({ status: "active", action: "save", ...table.fields }))
    form.set(name, value);
  table.rows.forEach(([key, price, stock], index) => {
    form.append("variantKey", key);
    form.set(`variantPrice-${index}`, price);
    form.set(`variantStock-${index}`, stock);
  });
  const reply = await owner.browser.post(`${owner.base}/${productId}`, form);
  expect(reply.status, reply.body.slice(0, 3000)).toBe(303);
  return idFrom(reply.location);
}
