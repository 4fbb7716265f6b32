// Test helpers for Stall's HTTP servers: the built Astro servers (built-server.ts), and requests that are
// provably in flight when a shutdown signal is sent.
import http from "node:http";
import type { Reply } from "./built-server.ts";

export {
  type BuiltServer,
  freePort,
  get,
  type RawReply,
  type Reply,
  request,
  startBuiltServer,
  stopProcess,
} from "./built-server.ts";

/** A GET on a fresh connection, answered in full. */
export function getOnce(port: number, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: "127.0.0.1", port, path, headers, agent: false }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        body += chunk;
      });
      response.once("aborted", () => reject(new Error(`GET ${path}: the answer was cut short`)));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.once("error", reject);
  });
}

/**
 * Opens `count` POSTs to `path`, each on its own connection, sending the headers and all of `body` but its
 * last byte. Once the server has seen them (a GET to `probePath`, sent after them on a fresh connection,
 * has been answered: the server reads connections in the order their bytes arrive), it calls `midFlight`
 * (send the signal), then finishes every body. Resolves with every reply, or rejects when any request was
 * reset or its answer cut short.
 */
export async function postsInFlight(options: {
  port: number;
  path: string;
  count: number;
  body: string;
  headers?: Record<string, string>;
  probePath: string;
  probeHeaders?: Record<string, string>;
  midFlight: () => Promise<void> | void;
}): Promise<Reply[]> {
  const bytes = Buffer.from(options.body);
  const open = Array.from({ length: options.count }, () => {
    const request = http.request({
      host: "127.0.0.1",
      port: options.port,
      method: "POST",
      path: options.path,
      agent: false,
      headers: { ...options.headers, "Content-Length": String(bytes.length) },
    });
    const reply = new Promise<Reply>((resolve, reject) => {
      request.once("error", reject);
      request.once("response", (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          text += chunk;
        });
        response.once("aborted", () => reject(new Error(`POST ${options.path}: the answer was cut short`)));
        response.once("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }),
        );
      });
    });
    const sent = new Promise<void>((resolve) => request.write(bytes.subarray(0, -1), () => resolve()));
    return { request, reply, sent };
  });
  await Promise.all(open.map((entry) => entry.sent));
  await getOnce(options.port, options.probePath, options.probeHeaders);
  await options.midFlight();
  for (const entry of open) entry.request.end(bytes.subarray(-1));
  return Promise.all(open.map((entry) => entry.reply));
}
