import { forShop, HOME_ONLY_TABLES, type RawRow, type ShopTable } from "@stall/db";
import { STATIC_COPY_FOLDER, staticCopyFile } from "@stall/domain";
import { stringify } from "csv-stringify/sync";
import { isMediaKey } from "../../adapters/media-store.ts";
import type { Deps } from "../../deps.ts";
import { signPreviewToken } from "../../security/preview-token.ts";
import type { ShopAccess } from "../access.ts";
import { planOf } from "../plans/plan-room.ts";
import { buildSnapshot } from "../storefront/build-snapshot.ts";
import { storefrontUrl } from "../storefront/get-snapshot.ts";
import { exportShop } from "./export-shop.ts";
import { type ZipEntry, zipStream } from "./zip-stream.ts";

/** Rows read per query: one page of one table is the most the export holds at once. */
const ROWS_PER_PAGE = 500;

/**
 * Columns no export carries, because they are keys to something rather than the shop's information:
 * anything named like a hash, token, secret, password or idempotency key (checked by name, so a new
 * column of that kind stays out without anyone remembering), and the named ones below.
 */
// Whole words of a snake_case name: `buyer_token_hash` and `verification_token`, not `theme_tokens`.
const SECRET_NAME = /(^|_)(hash|token|secret|password)(_|$)|idempot/i;
const NOT_SECRET = new Set(["media.content_hash"]);
const LEFT_OUT = new Map<string, string>([
  ["shops.stripe_account_id", "the Stripe account's id: the key to the shop's payment account"],
  ["orders.stripe_checkout_session_id", "Stripe's id for the payment page"],
  ["payments.provider_reference", "Stripe's id for the payment"],
  ["refunds.provider_reference", "Stripe's id for the refund"],
  ["webhook_events.payload", "Stripe's messages as received, with account and payment ids"],
  ["notifications.payload", "the email's contents, with each buyer's private order link"],
  ["audit_log.ip", "the internet address of whoever made each change"],
]);

/** True for a column the archive leaves out (see LEFT_OUT and SECRET_NAME). */
export function isLeftOut(table: string, column: string): boolean {
  const name = `${table}.${column}`;
  if (LEFT_OUT.has(name)) return true;
  return SECRET_NAME.test(column) && !NOT_SECRET.has(name);
}

const encoder = new TextEncoder();
const text = (value: string) => encoder.encode(value);

// Spreadsheets run a cell starting with = + - @ (or a tab or return) as a formula (decision 008).
const FORMULA_START = /^[=+\-@\t\r]/;
const csvCell = (value: unknown) =>
  value === null || value === undefined
    ? ""
    : typeof value === "string" && FORMULA_START.test(value)
      ? `'${value}`
      : value;

function keep(table: string, columns: string[]): string[] {
  return columns.filter((column) => !isLeftOut(table, column));
}

function pick(row: RawRow, columns: string[]): RawRow {
  return Object.fromEntries(columns.map((column) => [column, row[column] ?? null]));
}

/** The README at the top of the archive, in English and Chinese. */
function readme(shopName: string, day: string, leftOut: string[], storefrontNote: string | undefined): string {
  return [
    `${shopName}: everything in the shop on ${day}`,
    "",
    "shop.json                 The shop, its settings, products, collections, pages and orders in one file.",
    "tables/<name>.json, .csv  Every table of the shop as stored, one row per line (CSV opens in a spreadsheet).",
    "photos/                   Each photo at the largest size Stall keeps (1200 px wide at most).",
    "                          Stall does not keep the file you first uploaded, only these copies.",
    `${STATIC_COPY_FOLDER}/index.html     Your shop's pages as buyers saw them. Open it in a browser, no internet needed.`,
    storefrontNote ? `                          ${storefrontNote}` : "",
    "",
    "Left out on purpose (they are keys, not your information):",
    ...leftOut.map((name) => `  ${name}`),
    "",
    "---",
    `${shopName}：${day} 店铺的全部内容`,
    "",
    "shop.json                 店铺、设置、商品、分类、页面和订单，合在一个文件里。",
    "tables/<名称>.json, .csv  店铺的每张数据表（CSV 可用电子表格打开）。",
    "photos/                   每张照片的最大尺寸（最宽 1200 像素）。Stall 不保存您最初上传的原文件。",
    `${STATIC_COPY_FOLDER}/index.html     顾客看到的店铺页面，用浏览器打开即可，不需要网络。`,
    "",
    "故意不包含的内容（密码、令牌和支付账户编号等）见上面的英文列表。",
    "",
  ]
    .filter((line, index, all) => line !== "" || all[index - 1] !== "")
    .join("\n");
}

async function* once(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}

/**
 * Everything of one shop as a zip, streamed (decision 025): the JSON document the owner's views make
 * (`shop.json`), every table of the shop as JSON and CSV (read from the database's own list of tables,
 * secrets left out), every photo at its largest kept size, and a copy of the storefront rendered by the
 * real storefront that opens from disk. The route records it in the audit log as `shop.exported`.
 */
export async function exportShopArchive(
  deps: Deps,
  options: { access: ShopAccess },
): Promise<{ filename: string; body: ReadableStream<Uint8Array> }> {
  const { access } = options;
  const { shop, repos } = access;
  const now = deps.clock.now();
  const day = new Date(now).toISOString().slice(0, 10);
  const root = `stall-${shop.slug}-${day}`;
  const tables = await repos.data.tables();
  const homeData = forShop(deps.database.db, shop.id).data;
  const leftOut = [
    ...[{ name: "shops", columns: Object.keys(shop).map(snakeCase) }, ...tables].flatMap((table) =>
      table.columns.filter((column) => isLeftOut(table.name, column)).map((column) => `${table.name}.${column}`),
    ),
  ];

  const storefront = { note: undefined as string | undefined };

  async function* entries(): AsyncIterable<ZipEntry> {
    yield {
      name: `${root}/shop.json`,
      compress: true,
      chunks: async function* () {
        yield text(JSON.stringify(await exportShop(deps, { access }), null, 2));
      },
    };
    const ownRow = Object.fromEntries(Object.entries(shop).map(([key, value]) => [snakeCase(key), value]));
    const shopsTable: ShopTable = { name: "shops", columns: Object.keys(ownRow) };
    yield* tableEntries(shopsTable, async function* () {
      yield [ownRow];
    });
    for (const table of tables) {
      yield* tableEntries(table, async function* () {
        let after = 0;
        for (;;) {
          // The platform's rows of the shop (members, domains, audit trail) are on home, whatever its pod.
          const page = await (HOME_ONLY_TABLES.has(table.name) ? homeData : repos.data).page(
            table,
            after,
            ROWS_PER_PAGE,
          );
          if (page.length === 0) return;
          yield page.map((entry) => entry.row);
          after = page.at(-1)?.rowid ?? after;
          if (page.length < ROWS_PER_PAGE) return;
        }
      });
    }
    for (const photo of await repos.media.list()) {
      const largest = [...photo.renditions].sort(
        (a, b) => Number(b.format === "jpeg") - Number(a.format === "jpeg") || b.width - a.width,
      )[0];
      if (!largest) continue;
      const stored = await deps.mediaStore.get(largest.storageKey);
      if (!stored) continue;
      const extension = largest.storageKey.split(".").at(-1) ?? "jpg";
      yield { name: `${root}/photos/${photo.id}.${extension}`, compress: false, chunks: () => once(stored.data) };
    }
    yield* storefrontEntries();
    yield {
      name: `${root}/README.txt`,
      compress: true,
      chunks: () => once(text(readme(shop.name, day, leftOut, storefront.note))),
    };
  }

  async function* tableEntries(table: ShopTable, pages: () => AsyncIterable<RawRow[]>): AsyncIterable<ZipEntry> {
    const columns = keep(table.name, table.columns);
    yield {
      name: `${root}/tables/${table.name}.json`,
      compress: true,
      chunks: async function* () {
        let isFirst = true;
        yield text("[");
        for await (const rows of pages()) {
          const lines = rows.map((row) => JSON.stringify(pick(row, columns)));
          yield text(`${isFirst ? "\n" : ",\n"}${lines.join(",\n")}`);
          isFirst = false;
        }
        yield text(isFirst ? "]\n" : "\n]\n");
      },
    };
    yield {
      name: `${root}/tables/${table.name}.csv`,
      compress: true,
      chunks: async function* () {
        yield text(stringify([columns]));
        for await (const rows of pages()) {
          yield text(stringify(rows.map((row) => columns.map((column) => csvCell(row[column])))));
        }
      },
    };
  }

  async function* storefrontEntries(): AsyncIterable<ZipEntry> {
    const snapshot = await buildSnapshot({
      shop,
      repos,
      publicApiUrl: deps.config.publicApiUrl,
      storefrontUrl: storefrontUrl(deps, shop.slug),
      planPaymentMethods: (await planOf(deps, shop)).paymentMethods,
      now,
    });
    const host = `${shop.slug}.${deps.config.rootDomain}`;
    const previewToken = shop.isPublished
      ? undefined
      : signPreviewToken(deps.config.secretKey, shop.id, now + 15 * 60_000);
    const paths = [
      "/",
      ...snapshot.products.map((product) => `/products/${encodeURIComponent(product.slug)}`),
      ...snapshot.collections.map((collection) => `/collections/${encodeURIComponent(collection.slug)}`),
      ...snapshot.pages.map((page) => `/pages/${encodeURIComponent(page.slug)}`),
    ];
    for (const path of paths) {
      const file = staticCopyFile(path);
      if (!file) continue;
      const answer = await deps.storefrontPages.render({ host, path, previewToken });
      // The home page always exists: "not found" there means the storefront refused the request.
      const page: typeof answer =
        answer.kind === "missing" && path === "/"
          ? {
              kind: "unavailable",
              reason: "the storefront did not know the shop (do the API and the storefront share STOREFRONT_SECRET?)",
            }
          : answer;
      if (page.kind === "unavailable") {
        storefront.note = `The pages could not be made this time: ${page.reason}. Download again later.`;
        deps.logger.log("warn", "export without the storefront copy", { shopId: shop.id, reason: page.reason });
        return;
      }
      if (page.kind === "missing") continue;
      yield {
        name: `${root}/${STATIC_COPY_FOLDER}/${decodeURIComponent(file)}`,
        compress: true,
        chunks: () => once(text(page.html)),
      };
    }
    const keys = new Set<string>();
    for (const photo of [snapshot.shop.logo, ...snapshot.products.flatMap((product) => product.photos)]) {
      for (const rendition of photo?.renditions ?? []) {
        const key = new URL(rendition.url).pathname.replace(/^\/media\//, "");
        if (isMediaKey(key)) keys.add(key);
      }
    }
    for (const key of keys) {
      const stored = await deps.mediaStore.get(key);
      if (stored)
        yield { name: `${root}/${STATIC_COPY_FOLDER}/media/${key}`, compress: false, chunks: () => once(stored.data) };
    }
  }

  return { filename: `${root}.zip`, body: zipStream(entries(), new Date(now)) };
}

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}
