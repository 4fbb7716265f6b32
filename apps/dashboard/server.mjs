// Starts the built dashboard: `node server.mjs`.
// DASHBOARD_PORT sets the port (default 4322). HOST, if set, is the one address to bind; otherwise the
// server binds both loopback addresses, so http://localhost:PORT works whichever one a client picks.
// SHUTDOWN_TIMEOUT_MS (default 10000) is how long a stop waits for requests in flight.
import { existsSync } from "node:fs";
import http from "node:http";
import { createDrainer, HSTS, isHttpsRequest, RESOURCE_POLICY, withEdge } from "@stall/http-edge";

const entry = new URL("./dist/server/entry.mjs", import.meta.url);
if (!existsSync(entry)) {
  console.error("The dashboard is not built: run `npm run build` in apps/dashboard first.");
  process.exit(1);
}

// Take the adapter's request handler and bind it ourselves: the standalone server binds one address.
process.env.ASTRO_NODE_AUTOSTART = "disabled";
const { handler } = await import(entry.href);

const port = Number(process.env.DASHBOARD_PORT || 4322);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`DASHBOARD_PORT must be a port number (0-65535), not "${process.env.DASHBOARD_PORT}".`);
  process.exit(1);
}
const hosts = process.env.HOST ? [process.env.HOST] : ["127.0.0.1", "::1"];
const shutdownTimeoutMs = Number(process.env.SHUTDOWN_TIMEOUT_MS || 10_000);

// The most an owner's form may send, on every route. Product and page text is the longest an owner types
// (a few thousand characters; a Chinese character costs 9 bytes URL-encoded): 256 KB leaves room.
// Photos and CSV files go to the API, whose own upload limit applies; a dashboard route that takes a
// file through this server needs its own, streamed, entry here (see docs/decisions/011).
const BODY_LIMIT = 256 * 1024;
// The onboarding's product screen posts its photo here (a multipart form, so it works without JavaScript)
// and the page passes it on to the API: the API's own upload limit, plus room for the other fields.
const PHOTO_FORM_LIMIT = Number(process.env.UPLOAD_LIMIT_BYTES || 25 * 1024 * 1024) + 64 * 1024;
// The product editor (`/shops/{id}/products/new` and `/shops/{id}/products/{productId}`) posts the same way.
const PHOTO_FORM_PATH = /^\/shops\/[^/]+\/(setup\/product|products\/[^/]+)$/;
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
      ...(isHttpsRequest({
        isEncrypted: Boolean(request.socket.encrypted),
        forwardedProto: request.headers["x-forwarded-proto"],
        trustProxy: true,
      })
        ? { "Strict-Transport-Security": HSTS }
        : {}),
    }),
    log,
  },
  handler,
);

const drainer = createDrainer();
const listen = (host) =>
  new Promise((resolve, reject) => {
    const server = http.createServer(serve);
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
    drainer.add(server);
  });

for (const host of hosts) {
  try {
    await listen(host);
  } catch (error) {
    // A machine without IPv6 has no ::1; 127.0.0.1 is enough there.
    const isIpv6Missing = host === "::1" && ["EADDRNOTAVAIL", "EAFNOSUPPORT"].includes(error.code);
    if (!isIpv6Missing) throw error;
  }
}

// On SIGTERM or Ctrl-C: stop taking connections, let the requests in flight finish (for at most
// SHUTDOWN_TIMEOUT_MS), close idle keep-alive connections, then exit.
const stop = async (signal) => {
  process.stdout.write(`Dashboard stopping (${signal}), ${drainer.inFlight} request(s) in flight\n`);
  const isDrained = await drainer.drain(shutdownTimeoutMs);
  if (!isDrained) log({ level: "warn", msg: "dashboard forced to stop", afterMs: shutdownTimeoutMs });
  process.stdout.write("Dashboard stopped\n");
  process.exit(isDrained ? 0 : 1);
};
process.once("SIGTERM", () => void stop("SIGTERM"));
process.once("SIGINT", () => void stop("SIGINT"));
process.stdout.write(`Dashboard listening on http://localhost:${port}\n`);
