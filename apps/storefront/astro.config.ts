import node from "@astrojs/node";
import { defineConfig, envField } from "astro/config";

// Part of every page ETag, so a new release never answers 304 for a page it would render differently.
const buildId = Date.now().toString(36);

export default defineConfig({
  output: "server",
  adapter: node({ mode: "standalone" }),
  // The node adapter would otherwise turn on sessions stored as files; nothing here needs them yet.
  session: false,
  // Used by `astro dev`; the built server takes its port from server.mjs.
  server: { port: Number(process.env.STOREFRONT_PORT ?? 4321) },
  build: { inlineStylesheets: "always" },
  security: {
    // src/middleware.ts checks Sec-Fetch-Site / Origin on every POST itself: it compares hosts (so it
    // works behind a proxy that ends TLS, where Astro's check compares http:// to https:// and refuses
    // every form) and answers with the shop's own page rather than plain text.
    checkOrigin: false,
  },
  vite: {
    define: { __STALL_BUILD_ID__: JSON.stringify(buildId) },
    // The cart island stays a file (/_astro/*.js): cacheable across pages, and no inline script for the CSP.
    build: { assetsInlineLimit: 0 },
  },
  env: {
    // "secret" is Astro's word for "read from the environment at run time"; "public" is baked in at build.
    schema: {
      STOREFRONT_ROOT_DOMAIN: envField.string({ context: "server", access: "secret", default: "localhost" }),
      API_URL: envField.string({ context: "server", access: "secret", default: "http://127.0.0.1:8787" }),
      PUBLIC_API_URL: envField.string({ context: "server", access: "secret", default: "http://localhost:8787" }),
      // Memory for held snapshots and rendered pages, in megabytes (least recently used go first).
      STOREFRONT_SNAPSHOT_CACHE_MB: envField.number({ context: "server", access: "secret", default: 16, gt: 0 }),
      STOREFRONT_PAGE_CACHE_MB: envField.number({ context: "server", access: "secret", default: 16, gt: 0 }),
      // Load shedding (decision 014): renders that miss the cache, in flight and queued, per shop and process.
      STOREFRONT_SHOP_MAX_RENDERS: envField.number({
        context: "server",
        access: "secret",
        default: 4,
        int: true,
        gt: 0,
      }),
      STOREFRONT_SHOP_MAX_QUEUED: envField.number({
        context: "server",
        access: "secret",
        default: 8,
        int: true,
        min: 0,
      }),
      // Shared with the API, which then believes the buyer IP this process forwards; unset, it is not sent.
      STOREFRONT_SECRET: envField.string({ context: "server", access: "secret", optional: true }),
      // Behind a proxy you run (nginx in \`npm run start:cluster\`): the person's address is the hop it adds
      // to X-Forwarded-For, not the socket's (the proxy's).
      TRUST_PROXY: envField.boolean({ context: "server", access: "secret", default: false }),
      // "warn" or above turns off the one JSON line per request.
      LOG_LEVEL: envField.enum({
        context: "server",
        access: "secret",
        values: ["debug", "info", "warn", "error", "silent"],
        default: "info",
      }),
      // Who may read /metrics (decision 023): with a token, its bearer; unset, a scraper on this machine only.
      METRICS_TOKEN: envField.string({ context: "server", access: "secret", optional: true }),
      // Where the checkout may send a buyer to pay (space-separated origins), allowed in its CSP form-action.
      PAYMENT_PAGE_ORIGINS: envField.string({
        context: "server",
        access: "secret",
        default: "https://checkout.stripe.com",
      }),
    },
  },
});
