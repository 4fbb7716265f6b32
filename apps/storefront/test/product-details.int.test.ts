// Product details on the built storefront against the real API (decision 033): the owner's search-engine
// title and description in <head>, tags as plain filter links (`?tag=`) on the home and collection lists
// with the page cache keeping each filter apart, and a keep-selling variant with none on hand on sale.
import { type BuiltServer, freePort, get, startBuiltServer } from "@stall/http-edge/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decode, h1Of, metaOf, textOf } from "./html.ts";
import { type RealApi, signUp, startRealApi } from "./real-api.ts";

const appDir = new URL("../", import.meta.url);
let api: RealApi;
let server: BuiltServer;
let host: string;

beforeAll(async () => {
  const port = await freePort();
  api = await startRealApi({ storefrontPort: port, seedDemo: false });
  server = await startBuiltServer(
    appDir,
    "STOREFRONT_PORT",
    { API_URL: api.url, PUBLIC_API_URL: api.publicUrl, STOREFRONT_ROOT_DOMAIN: "localhost" },
    { port },
  );
  host = `noodle-mei.localhost:${port}`;
  const owner = await signUp(api.url, "mei@noodles.test");
  const shop = await owner.call<{ id: string }>("POST", "/v1/shops", {
    name: "Mei's Noodles",
    slug: "noodle-mei",
    currency: "USD",
    locale: "en",
  });
  const products = `/v1/shops/${shop.id}/products`;
  const ids: string[] = [];
  const create = async (body: Record<string, unknown>) => {
    ids.push((await owner.call<{ id: string }>("POST", products, { status: "active", ...body })).id);
  };
  await create({
    title: "Hand-pulled noodles",
    slug: "hand-pulled",
    description: "Pulled every morning.",
    tags: ["Fresh", "Wheat"],
    seoTitle: "Fresh hand-pulled noodles in Leeds",
    seoDescription: "Pulled by hand every morning, ready to cook in two minutes.",
    variants: [{ price: 800, stock: 0, isSoldWhenOutOfStock: true }],
  });
  await create({
    title: "Chilli oil",
    slug: "chilli-oil",
    tags: ["Sauce", "fresh"],
    variants: [{ price: 600, stock: 0 }],
  });
  await create({ title: "Rice noodles", slug: "rice-noodles", tags: ["Rice"], variants: [{ price: 500 }] });
  await owner.call("POST", `/v1/shops/${shop.id}/collections`, {
    title: "Noodles",
    slug: "noodles",
    productIds: ids,
  });
  await owner.call("POST", `/v1/shops/${shop.id}/publish`);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await api?.stop();
});

const page = (path: string) => get(server.port, path, { Host: host });
/** The product titles a list page shows, in order. */
const cardTitles = (html: string) =>
  [...html.matchAll(/<span class="card-title"[^>]*>([^<]*)<\/span>/g)].map((match) => decode(match[1] ?? ""));

describe("the owner's search-engine text", () => {
  it("is the page's <title> and meta description when set", async () => {
    const reply = await page("/products/hand-pulled");
    expect(reply.status).toBe(200);
    expect(textOf(reply.body, "title")).toContain("Fresh hand-pulled noodles in Leeds");
    expect(metaOf(reply.body, "description")).toBe("Pulled by hand every morning, ready to cook in two minutes.");
    expect(h1Of(reply.body)).toBe("Hand-pulled noodles");
  });

  it("falls back to the title and description when not set", async () => {
    const reply = await page("/products/rice-noodles");
    expect(textOf(reply.body, "title")).toContain("Rice noodles");
  });
});

describe("tags as filters", () => {
  it("lists the tags on the home page as links and narrows the list with ?tag=, in any case", async () => {
    const home = await page("/");
    expect(home.body).toContain('href="/?tag=Fresh"');
    expect(cardTitles(home.body)).toEqual(["Hand-pulled noodles", "Chilli oil", "Rice noodles"]);
    const fresh = await page("/?tag=fresh");
    expect(fresh.status).toBe(200);
    expect(cardTitles(fresh.body)).toEqual(["Hand-pulled noodles", "Chilli oil"]);
    expect(fresh.body).toContain("Tagged “fresh”");
    // The filtered list is its own cache entry: the unfiltered home is unchanged after it.
    expect(cardTitles((await page("/")).body)).toHaveLength(3);
    expect(cardTitles((await page("/?tag=Rice")).body)).toEqual(["Rice noodles"]);
  });

  it("narrows a collection and keeps the tag on its links; a tag nothing carries is not found", async () => {
    const sauce = await page("/collections/noodles?tag=Sauce");
    expect(sauce.status).toBe(200);
    expect(cardTitles(sauce.body)).toEqual(["Chilli oil"]);
    expect(sauce.body).toContain('href="/collections/noodles?tag=Wheat"');
    expect((await page("/collections/noodles?tag=Nothing")).status).toBe(404);
    expect((await page("/?tag=Nothing")).status).toBe(404);
  });

  it("links a product's tags to the filtered home list", async () => {
    const reply = await page("/products/chilli-oil");
    expect(reply.body).toContain('href="/?tag=Sauce"');
  });
});

describe("keep selling when none are left", () => {
  it("shows the variant as on sale ('Available to order') where a normal one says sold out", async () => {
    const keepSelling = await page("/products/hand-pulled");
    expect(keepSelling.body).toContain("Available to order");
    expect(keepSelling.body).not.toContain("Sold out");
    expect(keepSelling.body).toMatch(/<button class="button" type="submit">\s*Add to cart/);
    const soldOut = await page("/products/chilli-oil");
    expect(soldOut.body).toContain("Sold out");
  });
});
