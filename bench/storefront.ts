// The storefront's budgets (issue 4): product page HTML <= 14 KB compressed, no render-blocking
// script, first view <= 100 KB at 360 px, Lighthouse mobile scores, warm-cache throughput next to a
// plain static server serving the same bytes, and cold (cache-miss) render latency.
import { createServer, request as httpRequest } from "node:http";
import { freePort } from "@stall/db/testing";
import autocannon from "autocannon";
import { chromium } from "playwright-core";
import { BROWSER_ARGS, CHROMIUM, lighthouseScores } from "./lib/browser.ts";
import { startStack } from "./lib/stack.ts";
import { percentiles, round, table } from "./lib/stats.ts";

const DURATION_S = Number(process.env.BENCH_DURATION_MS ?? 5000) / 1000;
/**
 * GET through loopback with the shop's Host header (Node does not resolve *.localhost as browsers do).
 * Answers the status, headers and the body bytes as they came over the wire.
 */
function get(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: "127.0.0.1",
        port: target.port,
        path: `${target.pathname}${target.search}`,
        headers: { host: target.host, ...headers },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    request.on("error", reject);
    request.end();
  });
}

async function firstProductPath(base: string): Promise<string> {
  const html = (await get(`${base}/`)).body.toString();
  const match = /href="(\/products\/[^"?#]+)"/.exec(html);
  if (!match?.[1]) throw new Error("no product link on the home page");
  return match[1];
}

async function pageBudgets(base: string, productPath: string) {
  const compressed = (await get(`${base}${productPath}`, { "accept-encoding": "br" })).body.byteLength;
  const html = (await get(`${base}${productPath}`)).body.toString();
  const head = html.slice(0, html.indexOf("</head>"));
  const blockingScripts = [...head.matchAll(/<script\b(?![^>]*\b(async|defer|type="module")\b)[^>]*\bsrc=/g)].length;
  const externalStylesheets = [...html.matchAll(/<link\b[^>]*rel="stylesheet"/g)].length;

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: BROWSER_ARGS });
  const page = await browser.newPage({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2 });
  let bytes = 0;
  const client = await page.context().newCDPSession(page);
  await client.send("Network.enable");
  client.on("Network.loadingFinished", (event: { encodedDataLength: number }) => {
    bytes += event.encodedDataLength;
  });
  await page.goto(`${base}${productPath}`, { waitUntil: "networkidle" });
  await browser.close();
  return {
    page: productPath,
    "HTML compressed KB": round(compressed / 1024, 1),
    "render-blocking scripts": blockingScripts,
    "external stylesheets": externalStylesheets,
    "first view KB (360 px, 2x)": round(bytes / 1024, 1),
  };
}

async function throughput(base: string, productPath: string) {
  const url = `${base}${productPath}`;
  const headers = { "accept-encoding": "br" };
  const sample = await get(url, headers);
  const body = sample.body;
  const contentEncoding = String(sample.headers["content-encoding"] ?? "identity");
  // The baseline: a plain node:http server handing out the same bytes, nothing else.
  const staticPort = await freePort();
  const server = createServer((_request, response) => {
    response.writeHead(200, {
      "content-type": "text/html; charset=utf-8",
      "content-encoding": contentEncoding,
      "content-length": body.byteLength,
    });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(staticPort, "127.0.0.1", resolve));
  const run = async (target: string) =>
    autocannon({
      url: target,
      connections: 50,
      duration: DURATION_S,
      headers: { ...headers, host: new URL(url).host },
    });
  const storefront = await run(`http://127.0.0.1:${new URL(url).port}${productPath}`);
  const baseline = await run(`http://127.0.0.1:${staticPort}/`);
  server.close();
  const ratio = storefront.requests.average / baseline.requests.average;
  return [
    {
      server: "storefront, warm cache",
      "req/s": Math.round(storefront.requests.average),
      "p50 ms": storefront.latency.p50,
      "p99 ms": storefront.latency.p99,
      non2xx: storefront.non2xx,
    },
    {
      server: "static baseline, same bytes",
      "req/s": Math.round(baseline.requests.average),
      "p50 ms": baseline.latency.p50,
      "p99 ms": baseline.latency.p99,
      non2xx: baseline.non2xx,
    },
    { server: "ratio", "req/s": `${round(ratio * 100, 0)}%`, "p50 ms": "", "p99 ms": "", non2xx: "" },
  ];
}

/** Cache misses: each request names a different (unknown) variant, so the page is rendered from the snapshot. */
async function coldRenders(base: string, productPath: string, count = 400) {
  const times: number[] = [];
  for (let index = 0; index < count; index++) {
    const started = performance.now();
    await get(`${base}${productPath}?variant=cold${index}`);
    times.push(performance.now() - started);
  }
  const p = percentiles(times);
  return [
    {
      renders: count,
      "p50 ms": round(p.p50, 1),
      "p95 ms": round(p.p95, 1),
      "p99 ms": round(p.p99, 1),
      "max ms": round(p.max, 1),
    },
  ];
}

export async function benchStorefront() {
  const stack = await startStack();
  try {
    const productPath = await firstProductPath(stack.storefront);
    const collectionHtml = (await get(`${stack.storefront}/`)).body.toString();
    const collectionPath = /href="(\/collections\/[^"?#]+)"/.exec(collectionHtml)?.[1] ?? "/";
    return {
      budgets: [await pageBudgets(stack.storefront, productPath)],
      lighthouse: process.env.BENCH_SKIP_LIGHTHOUSE
        ? []
        : await lighthouseScores(stack.storefront, ["/", productPath, collectionPath]),
      throughput: await throughput(stack.storefront, productPath),
      cold: await coldRenders(stack.storefront, productPath),
    };
  } finally {
    await stack.stop();
  }
}

if (import.meta.main) {
  const result = await benchStorefront();
  process.stdout.write(
    [
      "Product page budgets",
      table(result.budgets),
      "",
      "Lighthouse (mobile, default throttling)",
      table(result.lighthouse),
      "",
      `Warm-cache throughput (50 connections, ${DURATION_S} s)`,
      table(result.throughput),
      "",
      "Cold renders (cache miss, one at a time)",
      table(result.cold),
      "",
    ].join("\n"),
  );
}
