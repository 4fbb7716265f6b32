// The saved storefront in an owner's export, end to end without a browser: the real API (demo shop with
// photos) asks this built storefront for every page over loopback with the shared secret, and the zip
// holds pages whose every link and photo is a file in the zip, with no scripts and no absolute URLs.
// Without the secret the storefront treats /_static-copy as an unknown address.
import { type BuiltServer, freePort, get, startBuiltServer } from "@stall/http-edge/testing";
import { strFromU8, unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logInDemoOwner, type RealApi, startRealApi } from "./real-api.ts";

const appDir = new URL("../", import.meta.url);
const SECRET = "static-copy-secret-0123456789abcdef0123456789";
let api: RealApi;
let server: BuiltServer;
let files: Record<string, Uint8Array>;
let root: string;

beforeAll(async () => {
  const port = await freePort();
  api = await startRealApi({
    storefrontPort: port,
    env: { STOREFRONT_SECRET: SECRET, STOREFRONT_INTERNAL_URL: `http://127.0.0.1:${port}` },
  });
  server = await startBuiltServer(
    appDir,
    "STOREFRONT_PORT",
    { API_URL: api.url, PUBLIC_API_URL: api.publicUrl, STOREFRONT_ROOT_DOMAIN: "localhost", STOREFRONT_SECRET: SECRET },
    { port },
  );
  const owner = await logInDemoOwner(api.url);
  const { memberships } = await owner.call<{ memberships: { shopId: string }[] }>("GET", "/v1/me");
  const demo = { id: memberships[0]?.shopId ?? "no demo shop" };
  const token = await demoToken();
  const response = await fetch(`${api.url}/v1/shops/${demo.id}/export`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (response.status !== 200) throw new Error(`export answered ${response.status}: ${await response.text()}`);
  files = unzipSync(new Uint8Array(await response.arrayBuffer()));
  root = `${Object.keys(files)[0]?.split("/")[0]}/storefront/`;
}, 180_000);

afterAll(async () => {
  await server?.stop();
  await api?.stop();
});

async function demoToken(): Promise<string> {
  const response = await fetch(`${api.url}/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "owner@demo.stall.test", password: "demo-owner-2026" }),
  });
  return ((await response.json()) as { token: string }).token;
}

const pages = () => Object.keys(files).filter((name) => name.startsWith(root) && name.endsWith(".html"));
const html = (name: string) => strFromU8(files[name] ?? new Uint8Array());
/** Every href, src and srcset URL in a page. */
function urlsOf(page: string): string[] {
  const urls: string[] = [];
  for (const match of page.matchAll(/\s(href|src|srcset)="([^"]*)"/g)) {
    const value = match[2] ?? "";
    if (match[1] === "srcset") urls.push(...value.split(",").map((part) => part.trim().split(/\s+/)[0] ?? ""));
    else urls.push(value);
  }
  return urls.map((url) => url.replaceAll("&amp;", "&"));
}

describe("the saved storefront in the export", () => {
  it("holds the home page, every product, collection and page of the shop", () => {
    const names = pages().map((name) => name.slice(root.length));
    expect(names).toContain("index.html");
    expect(names.filter((name) => name.startsWith("product-")).length).toBeGreaterThan(3);
    expect(names.some((name) => name.startsWith("collection-"))).toBe(true);
    expect(html(`${root}index.html`)).toContain("<h1>");
  });

  it("links only to files in the zip, with no scripts and no address on a server", () => {
    for (const name of pages()) {
      const page = html(name);
      expect(page, name).not.toMatch(/<script(?![^>]*application\/(ld\+)?json)/);
      expect(page, name).not.toContain("/_astro/");
      for (const url of urlsOf(page)) {
        if (/^(mailto:|tel:|#|data:)/.test(url)) continue;
        // The owner's own social links are the only web addresses a page may hold; the demo has none.
        expect(url, `${name}: ${url}`).not.toMatch(/^(https?:)?\/\//);
        expect(url.startsWith("/"), `${name}: ${url}`).toBe(false);
        const target = `${root}${decodeURIComponent(url.split("#")[0] ?? "")}`;
        expect(files[target], `${name} -> ${url}`).toBeDefined();
      }
    }
  });

  it("shows photos from the zip's media folder", () => {
    const home = html(`${root}index.html`);
    const photos = urlsOf(home).filter((url) => url.startsWith("media/"));
    expect(photos.length).toBeGreaterThan(0);
    for (const url of photos) expect(files[`${root}${url}`]?.byteLength ?? 0).toBeGreaterThan(100);
  });

  it("says it is a saved copy and offers no cart", () => {
    const product = pages().find((name) => name.includes("/product-")) ?? "";
    const page = html(product);
    expect(page).toContain("data-static-copy");
    expect(page).not.toContain('action="');
    expect(page).not.toContain('class="cart-link"');
  });

  it("is an unknown address without the secret", async () => {
    const reply = await get(server.port, "/_static-copy/", {
      Host: `127.0.0.1:${server.port}`,
      "x-stall-static-copy": "wrong",
      "x-stall-static-copy-host": "demo.localhost",
    });
    expect(reply.status).toBe(404);
    const direct = await get(server.port, "/_static-copy/", { Host: "demo.localhost" });
    expect(direct.status).toBe(404);
  });
});
