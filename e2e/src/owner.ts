// An owner with an open shop, made through the dashboard's own screens (sign-up and the onboarding),
// for browser tests whose subject is what the owner does next.
import type { Page } from "playwright-core";
import sharp from "sharp";

export const ownerPassword = "noodles every saturday";

/** Fills and sends the sign-up form on the page it is on. */
export async function signUp(page: Page, name: string, email: string): Promise<void> {
  await page.fill("#name", name);
  await page.fill("#email", email);
  await page.fill("#password", ownerPassword);
  await page.click("main button[type=submit]");
}

/** Signs up as `email` and opens a shop with one product and one place to collect; answers the shop's id. */
export async function openShop(page: Page, dashboardUrl: string, email: string): Promise<string> {
  await page.goto(`${dashboardUrl}/sign-up`);
  await signUp(page, "Mei Chen", email);
  await page.waitForURL("**/new-shop");
  await page.fill("#name", `Mei's Noodles ${Date.now() % 100000}`);
  await page.click("main button[type=submit]");
  await page.waitForURL("**/setup/product");
  const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: "#e9c46a" } })
    .jpeg()
    .toBuffer();
  await page.setInputFiles("#photo", { name: "noodles.jpg", mimeType: "image/jpeg", buffer: photo });
  await page.fill("#title", "Hand-made noodles");
  await page.fill("#price", "12.50");
  await page.click("main button[type=submit]");
  await page.waitForURL("**/setup/collect");
  await page.fill("#address", "Saturday market, stall 12");
  await page.click("main button[type=submit]");
  await page.waitForURL("**/setup/publish");
  await page.click('button[value="publish"]');
  await page.waitForURL("**/share");
  return /\/shops\/([^/]+)\//.exec(page.url())?.[1] ?? "";
}

/** The API session token the dashboard keeps in its cookie for this page's browser. */
export async function sessionTokenOf(page: Page): Promise<string> {
  return (await page.context().cookies()).find((cookie) => cookie.name === "stall_session")?.value ?? "";
}
