// The owner's dashboard on a slow phone: each page's first load (HTML with its inlined CSS and JS,
// compressed as served) against the 50 KB budget, what Chromium actually transfers for it at 360 px,
// and Lighthouse's mobile scores on sign-up, home, the product editor and orders.
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { BROWSER_ARGS, CHROMIUM, lighthouseScores } from "./lib/browser.ts";
import { startStack } from "./lib/stack.ts";
import { round, table } from "./lib/stats.ts";

const demoOwner = { email: "owner@demo.stall.test", password: "demo-owner-2026" };
const BUDGET_KB = 50;

/** Signs the demo owner in through the dashboard's own form; answers the session cookie. */
async function signIn(dashboard: string): Promise<string> {
  const response = await fetch(`${dashboard}/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: dashboard },
    body: new URLSearchParams(demoOwner),
    redirect: "manual",
  });
  const cookie = response.headers.getSetCookie().find((line) => line.includes("stall_session="));
  if (!cookie) throw new Error(`signing in answered ${response.status} without a session cookie`);
  return cookie.split(";")[0] as string;
}

async function demoIds(api: string, cookie: string) {
  const token = cookie.split("=")[1];
  const headers = { authorization: `Bearer ${token}` };
  const me = (await (await fetch(`${api}/v1/me`, { headers })).json()) as { memberships: { shopId: string }[] };
  const shopId = me.memberships[0]?.shopId ?? "";
  const products = (await (await fetch(`${api}/v1/shops/${shopId}/products`, { headers })).json()) as {
    items: { id: string }[];
  };
  return { shopId, productId: products.items[0]?.id ?? "" };
}

/** The page as served (gzip, the way Node's server compresses it) and everything Chromium fetched for it. */
async function pageWeights(dashboard: string, cookie: string, paths: string[]) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: BROWSER_ARGS });
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2 });
  if (cookie) {
    const [name, value] = cookie.split("=") as [string, string];
    await context.addCookies([{ name, value, url: dashboard }]);
  }
  const rows = [];
  try {
    for (const path of paths) {
      const html = Buffer.from(await (await fetch(`${dashboard}${path}`, { headers: { cookie } })).arrayBuffer());
      const page = await context.newPage();
      const client = await context.newCDPSession(page);
      await client.send("Network.enable");
      let requests = 0;
      let bytes = 0;
      let imageBytes = 0;
      const types = new Map<string, string>();
      client.on("Network.responseReceived", (event: { requestId: string; type: string }) => {
        types.set(event.requestId, event.type);
      });
      client.on("Network.loadingFinished", (event: { requestId: string; encodedDataLength: number }) => {
        requests += 1;
        bytes += event.encodedDataLength;
        if (types.get(event.requestId) === "Image") imageBytes += event.encodedDataLength;
      });
      await page.goto(`${dashboard}${path}`, { waitUntil: "networkidle" });
      await page.close();
      const compressed = gzipSync(html).byteLength / 1024;
      rows.push({
        page: path.replace(/shop_[0-9a-z]+/, "{shop}").replace(/prd_[0-9a-z]+/, "{product}"),
        "HTML KB": round(html.byteLength / 1024, 1),
        "HTML+CSS+JS gzip KB": round(compressed, 1),
        [`under ${BUDGET_KB} KB`]: compressed <= BUDGET_KB ? "yes" : "NO",
        requests,
        "all transferred KB": round(bytes / 1024, 1),
        "of which images KB": round(imageBytes / 1024, 1),
      });
    }
  } finally {
    await browser.close();
  }
  return rows;
}

export async function benchDashboard() {
  const stack = await startStack();
  try {
    const cookie = await signIn(stack.dashboard);
    const { shopId, productId } = await demoIds(stack.api, cookie);
    const shop = `/shops/${shopId}`;
    const signedIn = [
      shop,
      `${shop}/orders`,
      `${shop}/products`,
      `${shop}/products/${productId}`,
      `${shop}/products/new`,
      `${shop}/settings`,
      `${shop}/team`,
      `${shop}/share`,
      `${shop}/payments`,
    ];
    const weights = [
      ...(await pageWeights(stack.dashboard, "", ["/sign-up", "/sign-in"])),
      ...(await pageWeights(stack.dashboard, cookie, signedIn)),
    ];
    const lighthouse = process.env.BENCH_SKIP_LIGHTHOUSE
      ? []
      : [
          ...(await lighthouseScores(stack.dashboard, ["/sign-up"])),
          ...(await lighthouseScores(stack.dashboard, [shop, `${shop}/products/${productId}`, `${shop}/orders`], {
            cookie,
          })),
        ].map((row) => ({
          ...row,
          page: row.page.replace(/shop_[0-9a-z]+/, "{shop}").replace(/prd_[0-9a-z]+/, "{product}"),
        }));
    return { weights, lighthouse };
  } finally {
    await stack.stop();
  }
}

if (import.meta.main) {
  const result = await benchDashboard();
  process.stdout.write(
    [
      `Dashboard pages: first load (budget ${BUDGET_KB} KB compressed), 360 px, 2x`,
      table(result.weights),
      "",
      "Lighthouse (mobile, default throttling)",
      table(result.lighthouse),
      "",
    ].join("\n"),
  );
}
