// Starts the built storefront: `node server.mjs`. Start-up, binding and draining are shared with the
// dashboard (@stall/http-edge); this file holds what is the storefront's own: body limits, the fast path.
// STOREFRONT_PORT sets the port (default 4321). HOST, if set, is the one address to bind; otherwise the
// server binds both loopback addresses, so http://demo.localhost:PORT works whichever one a client picks.
import {
  hasBody,
  hstsFor,
  isHttpsRequest,
  loadBuiltHandler,
  portFromEnv,
  serveWithDrain,
  withEdge,
} from "@stall/http-edge";

const handler = await loadBuiltHandler("storefront", import.meta.url);
const port = portFromEnv("STOREFRONT_PORT", 4321);

const KB = 1024;
// The most a buyer's form can send, per route. Every field is capped (by the API's schemas and
// src/lib/checkout-form.ts), and a form posts URL-encoded, so one Chinese character costs 9 bytes.
// The checkout's longest fields (note 1,000, address 500, street 200, city 120 characters, 50 lines)
// come to about 25 KB in the worst case; 64 KB leaves room. A cart form is a slug, an id, up to three
// option values and a number: well under 1 KB; 8 KB leaves room. Nothing else takes a body.
const BODY_LIMITS = new Map([
  ["/checkout", 64 * KB],
  ["/checkout/quote", 64 * KB],
  ["/cart/add", 8 * KB],
  ["/cart/update", 8 * KB],
  ["/cart/remove", 8 * KB],
]);
const OTHER_BODY_LIMIT = 8 * KB;
const log = (line) => console.warn(JSON.stringify(line));

// A warm cache hit is answered here, without the adapter's Node-to-Web conversion or Astro: src/runtime.ts
// puts a synchronous function under this symbol (src/lib/fast-path.ts decides) once the middleware has
// loaded it. It answers exactly what the middleware would, or undefined for anything else. It runs before
// the edge sets its headers (the fast path's answers carry the same ones, built once per page), after the
// edge's own checks: no body here, and a Host that names a host in the fast path, once per Host and target
// it remembers; anything else goes the whole way (decisions 037 and 056). It is asked first on the socket
// (decision 063), then again for requests on connections node:http took over.
const FAST_SERVE = Symbol.for("stall.storefront.fastServe");
// For tests: write one line to stdout for each request the fast path answers.
const traceFastPath = process.env.STOREFRONT_FAST_PATH_TRACE === "1";

/**
 * The warm answer for a request, or undefined. Asked first on the socket, before node:http parses the
 * request (its headers are then plain strings), where it may wait for the shop's snapshot to be checked
 * (`mayWait`: the answer is then a promise); asked again by node:http's handler, for requests on
 * connections handed to it, where it never waits.
 */
function warmAnswer(method, url, headers, socket, mayWait = false) {
  const fastServe = globalThis[FAST_SERVE];
  if (!fastServe) return undefined;
  // As hstsFor(request, true) decides it for the edge's headers.
  const isHttps = isHttpsRequest({
    isEncrypted: Boolean(socket.encrypted),
    forwardedProto: headers["x-forwarded-proto"],
    trustProxy: true,
  });
  const failed = (error) => {
    console.warn(JSON.stringify({ level: "warn", msg: "fast path failed", url, error: String(error) }));
    return undefined;
  };
  const traced = (answer) => {
    if (answer && traceFastPath) process.stdout.write(`fast-path ${answer.status} ${method} ${url}\n`);
    return answer;
  };
  try {
    const answer = fastServe(method, url, headers, isHttps, mayWait);
    return answer instanceof Promise ? answer.then(traced, failed) : traced(answer);
  } catch (error) {
    return failed(error);
  }
}

function serveFast(request, response) {
  if (hasBody(request)) return false;
  const answer = warmAnswer(request.method, request.url, request.headers, request.socket);
  if (!answer) return false;
  response.writeHead(answer.status, answer.headers);
  response.end(answer.body);
  return true;
}

// Every request passes the edge first: a Host that names a host, a body within the route's limit, and
// the headers every response carries, including the static files the adapter serves before Astro's
// middleware. The storefront trusts X-Forwarded-Proto as src/lib/cookies.ts does: it does not end TLS
// itself, so HTTPS always reaches it through a proxy.
const edge = withEdge(
  {
    bodyLimit: (_method, path) => BODY_LIMITS.get(path) ?? OTHER_BODY_LIMIT,
    headers: (request) => ({
      "X-Content-Type-Options": "nosniff",
      ...hstsFor(request, true),
    }),
    log,
  },
  handler,
);
const serve = (request, response) => {
  if (!serveFast(request, response)) edge(request, response);
};

await serveWithDrain({
  name: "Storefront",
  port,
  serve,
  // Most warm pages are answered here, on the socket, without node:http's request and response objects
  // (decision 063); what this leaves goes to `serve`.
  answerFromSocket: (method, url, headers, socket) => warmAnswer(method, url, headers, socket, true),
  log,
  listening: `Storefront listening on http://localhost:${port} (shops at http://{slug}.localhost:${port})`,
});
