// Starts the built storefront: `node server.mjs`.
// STOREFRONT_PORT sets the port (default 4321). HOST, if set, is the one address to bind; otherwise the
// server binds both loopback addresses, so http://demo.localhost:PORT works whichever one a client picks.
import { existsSync } from "node:fs";
import http from "node:http";

const entry = new URL("./dist/server/entry.mjs", import.meta.url);
if (!existsSync(entry)) {
  console.error("The storefront is not built: run `npm run build` in apps/storefront first.");
  process.exit(1);
}

// Take the adapter's request handler and bind it ourselves: the standalone server binds one address.
process.env.ASTRO_NODE_AUTOSTART = "disabled";
const { handler } = await import(entry.href);

const port = Number(process.env.STOREFRONT_PORT || 4321);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`STOREFRONT_PORT must be a port number (0-65535), not "${process.env.STOREFRONT_PORT}".`);
  process.exit(1);
}
const hosts = process.env.HOST ? [process.env.HOST] : ["127.0.0.1", "::1"];

// A warm cache hit is answered here, without the adapter's Node-to-Web conversion or Astro: src/runtime.ts
// puts a synchronous function under this symbol (src/lib/fast-path.ts decides) once the middleware has
// loaded it. It answers exactly what the middleware would, or undefined for anything else.
const FAST_SERVE = Symbol.for("stall.storefront.fastServe");
// For tests: write one line to stdout for each request the fast path answers.
const traceFastPath = process.env.STOREFRONT_FAST_PATH_TRACE === "1";

function serveFast(request, response) {
  const fastServe = globalThis[FAST_SERVE];
  if (!fastServe) return false;
  let answer;
  try {
    answer = fastServe(request.method, request.url, request.headers);
  } catch (error) {
    console.warn(JSON.stringify({ level: "warn", msg: "fast path failed", url: request.url, error: String(error) }));
    return false;
  }
  if (!answer) return false;
  if (traceFastPath) process.stdout.write(`fast-path ${answer.status} ${request.method} ${request.url}\n`);
  response.writeHead(answer.status, answer.headers);
  response.end(answer.body);
  return true;
}

const listen = (host) =>
  new Promise((resolve, reject) => {
    const server = http.createServer((request, response) => {
      if (serveFast(request, response)) return;
      // nosniff on everything, including the static files the adapter serves before Astro's middleware.
      response.setHeader("X-Content-Type-Options", "nosniff");
      handler(request, response);
    });
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
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
process.stdout.write(`Storefront listening on http://localhost:${port} (shops at http://{slug}.localhost:${port})\n`);
