// `npm run stall -- measure-pages [--storefront <url>] [--shop <slug>]`: weighs each published shop's
// storefront pages as a phone downloads them, and stores the figure for the programmes' green figure.
// For the shop's home page and its first product page: the compressed bytes of the HTML, plus the
// stylesheets, scripts and images (the one a 360 px screen picks) the page loads, each fetched from the
// running storefront with the shop's Host header. The shop's figure is the average over its pages.
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { parseEnv } from "@stall/api/env";
import { createDb, forShop, platform } from "@stall/db";
import { co2GramsPerView, pageResources } from "@stall/domain";
import { type Command, optionValue, UsageError } from "./command.ts";

type Fetched = { status: number; bytes: number; body: Buffer; contentType: string };

/** GETs `path` from `base` as `host`, asking for compression, and counts the bytes as they arrive (still compressed). */
function fetchRaw(base: URL, host: string, path: string): Promise<Fetched> {
  const url = new URL(path, base);
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(
      url,
      {
        method: "GET",
        headers: {
          host,
          "accept-encoding": "br, gzip",
          accept: "text/html,image/avif,image/webp,*/*",
          "user-agent": "Stall measure-pages",
        },
        timeout: 15_000,
        ...(url.protocol === "https:" ? { servername: host.replace(/:\d+$/, "") } : {}),
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const body = Buffer.concat(chunks);
          resolve({
            status: response.statusCode ?? 0,
            bytes: body.length,
            body,
            contentType: String(response.headers["content-type"] ?? ""),
          });
        });
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error(`No answer from ${url.href} within 15 s`)));
    request.on("error", reject);
    request.end();
  });
}

/** The HTML of a page, decompressed, for finding what it loads. */
async function decoded(fetched: Fetched, encoding: string | undefined): Promise<string> {
  const zlib = await import("node:zlib");
  if (encoding === "br") return zlib.brotliDecompressSync(fetched.body).toString("utf8");
  if (encoding === "gzip") return zlib.gunzipSync(fetched.body).toString("utf8");
  return fetched.body.toString("utf8");
}

/** Finds the compression by looking at the bytes: brotli has no magic number, gzip starts 1f 8b. */
function encodingOf(fetched: Fetched): string | undefined {
  if (fetched.body[0] === 0x1f && fetched.body[1] === 0x8b) return "gzip";
  if (fetched.body.subarray(0, 64).toString("utf8").trimStart().startsWith("<")) return undefined;
  return "br";
}

/** One page's weight: its HTML and everything it loads, each file counted once. */
async function weighPage(base: URL, host: string, path: string) {
  const page = await fetchRaw(base, host, path);
  if (page.status !== 200) throw new Error(`${path} answered ${page.status}`);
  const html = await decoded(page, encodingOf(page));
  let bytes = page.bytes;
  for (const resource of pageResources(html)) {
    const file = await fetchRaw(base, host, resource);
    if (file.status === 200) bytes += file.bytes;
  }
  return { bytes, html };
}

const command: Command = {
  name: "measure-pages",
  summary: "weigh each published shop's pages as a phone loads them, for the green figure",
  usage: "measure-pages [--storefront <url>] [--shop <slug>]",
  async run(args) {
    const known = new Set(["--storefront", "--shop"]);
    for (let index = 0; index < args.length; index += 2) {
      if (!known.has(args[index] ?? "")) throw new UsageError(`Unknown argument "${args[index]}".`);
    }
    const env = parseEnv(process.env);
    const base = new URL(optionValue(args, "--storefront") ?? `http://127.0.0.1:${env.STOREFRONT_PORT}`);
    const only = optionValue(args, "--shop");
    const database = await createDb(env.DATABASE_URL, { authToken: env.DATABASE_AUTH_TOKEN });
    let failures = 0;
    try {
      const shops = (await platform(database.db).pageWeights.shopsToMeasure()).filter(
        (shop) => !only || shop.slug === only,
      );
      if (only && shops.length === 0) throw new UsageError(`No published shop "${only}".`);
      const port = env.STOREFRONT_ROOT_DOMAIN === "localhost" ? `:${base.port || env.STOREFRONT_PORT}` : "";
      for (const shop of shops) {
        const host = `${shop.slug}.${env.STOREFRONT_ROOT_DOMAIN}${port}`;
        try {
          const home = await weighPage(base, host, "/");
          const pages = [{ path: "/", bytes: home.bytes }];
          const product = /href="(\/products\/[^"#?]+)"/.exec(home.html)?.[1];
          if (product) pages.push({ path: product, bytes: (await weighPage(base, host, product)).bytes });
          const bytesPerView = Math.round(pages.reduce((sum, page) => sum + page.bytes, 0) / pages.length);
          await forShop(database.db, shop.id).pageWeight.record({
            bytesPerView,
            pages,
            measuredAt: Date.now(),
            source: base.origin,
          });
          process.stdout.write(
            `${shop.slug}: ${(bytesPerView / 1024).toFixed(1)} KB a page (${pages.length} pages), about ${co2GramsPerView(bytesPerView).toFixed(4)} g CO2e a view\n`,
          );
        } catch (error) {
          failures += 1;
          process.stderr.write(
            `${shop.slug}: not measured: ${error instanceof Error ? error.message : String(error)}\n`,
          );
        }
      }
      process.stdout.write(`Measured ${shops.length - failures} of ${shops.length} shops from ${base.origin}.\n`);
      return failures === 0 ? 0 : 1;
    } finally {
      database.close();
    }
  },
};

export default command;
