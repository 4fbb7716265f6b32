// Starts the built dashboard: `node server.mjs`. Start-up, binding and draining are shared with the
// storefront (@stall/http-edge); this file holds what is the dashboard's own: its body limit and headers.
// DASHBOARD_PORT sets the port (default 4322). HOST, if set, is the one address to bind; otherwise the
// server binds both loopback addresses, so http://localhost:PORT works whichever one a client picks.
// SHUTDOWN_TIMEOUT_MS (default 10000) is how long a stop waits for requests in flight.
import { hstsFor, loadBuiltHandler, portFromEnv, RESOURCE_POLICY, serveWithDrain, withEdge } from "@stall/http-edge";

const handler = await loadBuiltHandler("dashboard", import.meta.url);
const port = portFromEnv("DASHBOARD_PORT", 4322);

// The most an owner's form may send, on every route. Product and page text is the longest an owner types
// (a few thousand characters; a Chinese character costs 9 bytes URL-encoded): 256 KB leaves room.
// Photos and CSV files go to the API, whose own upload limit applies; a dashboard route that takes a
// file through this server needs its own, streamed, entry here (see docs/decisions/011).
const BODY_LIMIT = 256 * 1024;
// The onboarding's product screen posts its photo here (a multipart form, so it works without JavaScript)
// and the page passes it on to the API: the API's own upload limit, plus room for the other fields.
const PHOTO_FORM_LIMIT = Number(process.env.UPLOAD_LIMIT_BYTES || 25 * 1024 * 1024) + 64 * 1024;
// The product editor (`/shops/{id}/products/new` and `/shops/{id}/products/{productId}`) and a product's
// photos page (`/shops/{id}/products/{productId}/photos`) post the same way, and so does the products CSV
// import (`/shops/{id}/products/import`, a multipart file the page passes on to the API's import, which
// takes the same upload limit and reads at most 10 MB of it).
const PHOTO_FORM_PATH = /^\/shops\/[^/]+\/(setup\/product|products\/[^/]+(\/photos)?)$/;
const log = (line) => console.warn(JSON.stringify(line));

// Every request passes the edge first: a Host that names a host, a body within the limit, and the
// headers every response carries. The strict resource policy covers files the adapter serves before
// Astro; src/middleware.ts replaces it on pages with one naming their inline styles and scripts. Like
// the storefront, the dashboard does not end TLS itself, so it trusts X-Forwarded-Proto for HSTS.
const serve = withEdge(
  {
    bodyLimit: (method, path) => (method === "POST" && PHOTO_FORM_PATH.test(path) ? PHOTO_FORM_LIMIT : BODY_LIMIT),
    headers: (request) => ({
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": RESOURCE_POLICY,
      "Referrer-Policy": "same-origin",
      "X-Frame-Options": "DENY",
      ...hstsFor(request, true),
    }),
    log,
  },
  handler,
);

await serveWithDrain({
  name: "Dashboard",
  port,
  serve,
  log,
  listening: `Dashboard listening on http://localhost:${port}`,
});
