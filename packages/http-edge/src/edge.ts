import type { IncomingMessage, ServerResponse } from "node:http";
import { answerAndClose, hasBody, readBody } from "./body.ts";
import { isValidHostHeader } from "./host.ts";

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

export type EdgeOptions = {
  /** The most bytes a request to this path may send (see the limit tables in each server). */
  bodyLimit: (method: string, path: string) => number;
  /** Headers every response carries; the app may still set its own over them. */
  headers?: (request: IncomingMessage) => Record<string, string>;
  /** One structured line per refused request. */
  log: (line: Record<string, unknown>) => void;
};

/** A request whose body the edge has read: Astro's node adapter takes `body` instead of the stream. */
type ReadRequest = IncomingMessage & { body?: Buffer };

const KB = 1024;

/** The path of a request target, without query, trailing slashes or the origin of an absolute form. */
export function pathOf(target: string | undefined): string {
  let path = target ?? "/";
  if (!path.startsWith("/")) {
    try {
      path = new URL(path).pathname;
    } catch {
      return "/";
    }
  }
  path = path.split(/[?#]/)[0] ?? "/";
  return path.replace(/\/+$/, "") || "/";
}

function sizeText(bytes: number): string {
  return bytes >= KB && bytes % KB === 0 ? `${bytes / KB} KB` : `${bytes} bytes`;
}

function wantsJson(request: IncomingMessage): boolean {
  return /\bapplication\/(?:problem\+)?json\b/.test(request.headers.accept ?? "");
}

/** An answer a person can read (English, then Chinese), or a problem document for a script. */
function refuse(
  request: IncomingMessage,
  response: ServerResponse,
  problem: { status: number; title: string; code: string; en: string; zh: string },
): void {
  if (wantsJson(request)) {
    const body = JSON.stringify({
      type: "about:blank",
      title: problem.title,
      status: problem.status,
      detail: problem.en,
      code: problem.code,
    });
    answerAndClose(response, problem.status, { "Content-Type": "application/problem+json" }, body);
    return;
  }
  const body = `${problem.en}\n${problem.zh}\n`;
  answerAndClose(response, problem.status, { "Content-Type": "text/plain; charset=utf-8" }, body);
}

/** The Host header as a log can safely hold it: short, with control characters made visible. */
function loggableHost(host: string | undefined): string | null {
  if (host === undefined) return null;
  const shown = host.length > 100 ? `${host.slice(0, 100)}… (${host.length} characters)` : host;
  return JSON.stringify(shown).slice(1, -1);
}

/**
 * Wraps an app's Node request handler with what no route may forget: a Host header that names a host
 * (400 otherwise, before any URL is built from it), a body no larger than the route's limit (413, read
 * no further), and the headers every response carries. A body under the limit is read here and handed on
 * as `request.body`, which the Astro node adapter takes instead of the stream.
 */
export function withEdge(options: EdgeOptions, next: Handler): Handler {
  return (incoming, response) => {
    const request = incoming as ReadRequest;
    for (const [name, value] of Object.entries(options.headers?.(request) ?? {})) response.setHeader(name, value);
    const host = request.headers.host;
    if (!isValidHostHeader(host)) {
      options.log({ level: "warn", msg: "bad Host header", method: request.method, host: loggableHost(host) });
      refuse(request, response, {
        status: 400,
        title: "Bad request",
        code: "bad_host",
        en: "This address is not one we can serve: the Host header must be a host name, like shop.example.com.",
        zh: "无法处理这个网址：Host 请求头必须是一个主机名，例如 shop.example.com。",
      });
      return;
    }
    if (!hasBody(request)) {
      next(request, response);
      return;
    }
    const method = request.method ?? "GET";
    const path = pathOf(request.url);
    const limit = options.bodyLimit(method, path);
    readBody(request, limit).then((outcome) => {
      if (outcome.kind === "read") {
        request.body = outcome.body;
        next(request, response);
      } else if (outcome.kind === "too-large") {
        options.log({ level: "warn", msg: "request body over the limit", method, path, limitBytes: limit });
        refuse(request, response, {
          status: 413,
          title: "Content too large",
          code: "payload_too_large",
          en: `This form sent more than this page takes (${sizeText(limit)}). Go back, shorten what you typed and send it again.`,
          zh: `这个表单发送的内容超过了本页面可接收的大小（${sizeText(limit)}）。请返回，缩短填写的内容后再发送。`,
        });
      }
      // "gone": the client left before its body arrived; there is no one to answer.
    });
  };
}
