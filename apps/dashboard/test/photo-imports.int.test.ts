// The photos of a product import, on the built dashboard against the real API (its own process, which
// fetches imported photos in the background from an image server this test runs on loopback): the
// import's answer links to the progress page, which says how many arrived, which could not be brought
// in, why and what to do, in English and Chinese; another shop's owner gets 404, a helper without the
// products right is told plainly.
import { once } from "node:events";
import { createServer, type Server, type ServerResponse } from "node:http";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAs, newOwner, sessionToken } from "./owners.ts";
import { Browser, linkFromMail, type Stack, startStack } from "./stack.ts";

let stack: Stack;
let images: Server;
let base: string;
let photo: Buffer;
/** Responses to /held.jpg, kept open until the test lets them finish. */
const held: ServerResponse[] = [];

beforeAll(async () => {
  photo = await sharp({ create: { width: 300, height: 200, channels: 3, background: "#2a6" } })
    .jpeg()
    .toBuffer();
  images = createServer((request, response) => {
    if (request.url === "/held.jpg") held.push(response);
    else if (request.url === "/bowl.jpg") response.writeHead(200, { "content-type": "image/jpeg" }).end(photo);
    else response.writeHead(404).end("not found");
  });
  images.listen(0, "127.0.0.1");
  await once(images, "listening");
  base = `http://127.0.0.1:${(images.address() as { port: number }).port}`;
  stack = await startStack({ apiEnv: { MEDIA_FETCH_ALLOW_PRIVATE: "true" } });
}, 60_000);
afterAll(async () => {
  for (const response of held) response.destroy();
  images?.closeAllConnections();
  images?.close();
  await stack?.stop();
});

const HEADER = "Handle,Title,Option1 Name,Option1 Value,Variant Price,Image Src,Image Position,Image Alt Text";
const csvFile = (rows: string[]) => new Blob([[HEADER, ...rows].join("\n")], { type: "text/csv" });

async function importWithPhotos(owner: { browser: Browser; shopId: string }, rows: string[]) {
  const path = `/shops/${owner.shopId}/products/import`;
  const done = await owner.browser.post(path, { file: csvFile(rows), mode: "create" });
  expect(done.status).toBe(303);
  const importId = /import=(imp_[0-9a-z]+)/.exec(done.location ?? "")?.[1] ?? "";
  expect(importId).not.toBe("");
  return { importId, done, progress: `/shops/${owner.shopId}/products/imports/${importId}` };
}

describe("the photo import page", () => {
  it("is linked from the import's answer and shows photos arriving, then each failure with what to do", async () => {
    const owner = await newOwner(stack);
    const { done, progress } = await importWithPhotos(owner, [
      `bowl,Blue bowl,,,5.00,${base}/bowl.jpg,1,A blue bowl`,
      `bowl,,,,,${base}/missing.jpg,2,`,
      `cup,Cup,,,3.00,${base}/held.jpg,1,`,
    ]);
    const answer = await owner.browser.follow(done);
    expect(answer.body).toContain(`href="${progress}"`);
    expect(answer.body).toContain("See how your photos are coming in");

    // The cup's photo is held back by the image server: the page says photos are still coming.
    await expect.poll(() => held.length, { timeout: 20_000, interval: 100 }).toBe(1);
    const coming = await owner.browser.get(progress);
    expect(coming.status).toBe(200);
    expect(coming.body).toMatch(/We are bringing in your photos: \d of 3 have arrived so far\./);
    expect(coming.body).toContain(`href="${progress}">Check again</a>`);
    expect(coming.body).toContain("location.reload()");

    held.shift()?.writeHead(200, { "content-type": "image/jpeg" }).end(photo);
    await expect
      .poll(async () => (await owner.browser.get(progress)).body, { timeout: 20_000, interval: 250 })
      .toContain("Finished: 2 of 3 photos arrived.");
    const finished = await owner.browser.get(progress);
    expect(finished.body).not.toContain("location.reload()");
    expect(finished.body).toContain("Photos that could not be brought in");
    expect(finished.body).toContain(`${base}/missing.jpg`);
    expect(finished.body).toContain("The website says the photo is not there.");
    expect(finished.body).toContain("Open the address in your browser.");
    expect(finished.body).toMatch(/<h3>Blue bowl<\/h3>/);
    expect(finished.body).toMatch(new RegExp(`href="/shops/${owner.shopId}/products/prd_[0-9a-z]+">Open the product`));

    // The import page lists the import, so its page is one link away from the products.
    const importPage = await owner.browser.get(`/shops/${owner.shopId}/products/import`);
    expect(importPage.body).toContain(`href="${progress}"`);
    expect(importPage.body).toContain("2 of 3 photos arrived");

    const chinese = new Browser(stack.dashboardUrl, { acceptLanguage: "zh-CN" });
    for (const [name, value] of owner.browser.cookies) chinese.cookies.set(name, value);
    const zh = await chinese.get(progress);
    expect(zh.body).toContain("完成：3 张照片中到了 2 张。");
    expect(zh.body).toContain("网站说这张照片不存在。");

    // The photos are on the products, through the API.
    const api = apiAs(stack, sessionToken(owner.browser));
    const products = await api.GET("/v1/shops/{shopId}/products", { params: { path: { shopId: owner.shopId } } });
    const bowl = products.data?.items.find((product) => product.slug === "bowl");
    expect(bowl?.photos.map((item) => item.alt)).toEqual(["A blue bowl"]);
  }, 90_000);

  it("answers 404 to another shop's owner, with nothing of the shop in it", async () => {
    const owner = await newOwner(stack);
    const { progress } = await importWithPhotos(owner, [`jar,Secret jar,,,2.00,${base}/nothing-here.jpg,1,`]);
    const other = await newOwner(stack, "Other Noodles");
    const stolen = await other.browser.get(progress);
    expect(stolen.status).toBe(404);
    expect(stolen.body).not.toContain("Secret jar");
    expect(stolen.body).not.toContain("nothing-here.jpg");
    const ownPath = progress.replace(owner.shopId, other.shopId);
    expect((await other.browser.get(ownPath)).status).toBe(404);
    expect((await other.browser.get(`/shops/${other.shopId}/products/import`)).body).not.toContain(progress);
  }, 60_000);

  it("tells a helper without the products right plainly", async () => {
    const owner = await newOwner(stack);
    const { progress } = await importWithPhotos(owner, [`lid,Lid,,,2.00,,,`]);
    const api = apiAs(stack, sessionToken(owner.browser));
    const email = `helper-photos-${process.pid}@example.test`;
    const invite = await api.POST("/v1/shops/{shopId}/invites", {
      params: { path: { shopId: owner.shopId } },
      body: { email, role: "helper", permissions: ["orders"] },
    });
    expect(invite.response.status).toBe(201);
    const link = new URL(await linkFromMail(stack.mailDir, email, "/invites/accept?token="));
    const helper = new Browser(stack.dashboardUrl);
    const landing = await helper.get(`${link.pathname}${link.search}`);
    const signUpHref = /href="(\/sign-up\?next=[^"]+)"/.exec(landing.body)?.[1]?.replace(/&amp;/g, "&") ?? "";
    await helper.post(signUpHref, { name: "Grandson", email, password: "noodles every saturday" });
    const accept = await helper.get(`${link.pathname}${link.search}`);
    const token = /name="token" value="([^"]+)"/.exec(accept.body)?.[1] ?? "";
    expect((await helper.post("/invites/accept", { token })).status).toBe(303);
    const refused = await helper.get(progress);
    expect(refused.status).toBe(403);
    expect(refused.body).toContain("Your helper access does not include products.");
  }, 60_000);
});
