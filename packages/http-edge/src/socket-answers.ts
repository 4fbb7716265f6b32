// Answers the simplest requests straight from the socket, before node:http parses them: a GET or HEAD
// whose whole head came in one read, with no body, no upgrade and nothing unusual, that `answerFor` can
// answer from memory. Everything else (and everything after it on that connection) goes to the server's
// own node:http handling, byte for byte as it came. Decision 063.
//
// node:http's per-request machinery (the parser's callbacks, IncomingMessage, ServerResponse, the checks
// of each header on the way out) costs more CPU than the rest of a warm page's answer. A held answer needs
// none of it: its head is made once, and each request costs one header scan and one write.
import { maxHeaderSize, type Server, STATUS_CODES, validateHeaderName, validateHeaderValue } from "node:http";
import type { Socket } from "node:net";

/** A request's header values, by lower-case name; never repeated (a repeated header goes to node:http). */
export type SocketRequestHeaders = Record<string, string>;

/** What to write: the status, its headers (with Content-Length when there is a body), and the body. */
export type SocketAnswer = {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array | undefined;
};

/**
 * The answer to a simple request, or undefined to leave it (and the rest of its connection) to node:http.
 * The same object for every request answered alike: its head is made once and kept with it. A promise
 * when the answer needs a moment (a check elsewhere): the connection reads nothing more until it settles.
 */
export type AnswerFor = (
  method: "GET" | "HEAD",
  target: string,
  headers: SocketRequestHeaders,
  socket: Socket,
) => SocketAnswer | undefined | Promise<SocketAnswer | undefined>;

export type SocketAnswers = {
  /** Connections still answered here (not yet handed to node:http). */
  readonly connections: number;
  /**
   * For a drain: from now on every request goes to node:http (which answers it with `Connection: close`
   * while the server drains), and each connection answered here, idle between requests, is ended.
   */
  closeIdle(): void;
  /** Cuts every connection still answered here. */
  closeAll(): void;
};

const HEAD_END = Buffer.from("\r\n\r\n", "latin1");
/** Browsers send 10-20 headers; a head with more is unusual enough for node:http. */
const MAX_HEADERS = 64;
const REQUEST_LINE = /^(GET|HEAD) (\/[\x21-\x7e]*) HTTP\/1\.1$/;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Headers that ask for more than a head and an answer: a body, a protocol switch, a 100 Continue. */
const FOR_NODE = new Set(["content-length", "transfer-encoding", "upgrade", "expect", "http2-settings"]);
/** Statuses that never carry a body, whatever the answer holds (node:http drops it too). */
const BODILESS = new Set([204, 304]);
/** The Connection values answered here; any other (an upgrade, a list) is node:http's to read. */
const CONNECTION_OPTIONS = new Set(["keep-alive", "close"]);
/** Headers an answer must not carry, because the connection's own handling writes them. */
const WRITTEN_HERE = new Set(["date", "connection", "keep-alive", "transfer-encoding"]);

/** Control characters other than tab: llhttp refuses most of them in a value, and node:http should say so. */
function hasControl(value: string): boolean {
  for (let index = 0; index < value.length; index += 1) {
    const code = value.charCodeAt(index);
    if ((code < 0x20 && code !== 0x09) || code === 0x7f) return true;
  }
  return false;
}

type Parsed = {
  method: "GET" | "HEAD";
  target: string;
  headers: SocketRequestHeaders;
  /** The client asked for the connection to close after this answer (`Connection: close`). */
  isLast: boolean;
};

/**
 * The request in `head` (its bytes up to, not including, the blank line), or undefined when anything in
 * it is not the plainest HTTP/1.1: node:http then reads it, with its own rules and errors.
 */
function parseSimpleHead(head: string): Parsed | undefined {
  const lineEnd = head.indexOf("\r\n");
  const requestLine = REQUEST_LINE.exec(lineEnd < 0 ? head : head.slice(0, lineEnd));
  if (!requestLine) return undefined;
  const headers: SocketRequestHeaders = Object.create(null);
  let count = 0;
  let at = lineEnd < 0 ? head.length : lineEnd + 2;
  while (at < head.length) {
    let end = head.indexOf("\r\n", at);
    if (end < 0) end = head.length;
    const colon = head.indexOf(":", at);
    if (colon < 0 || colon > end) return undefined;
    const name = head.slice(at, colon);
    // A token: no blank before the colon, no folded line (a line starting with a blank).
    if (!TOKEN.test(name)) return undefined;
    const value = head.slice(colon + 1, end).replace(/^[ \t]+|[ \t]+$/g, "");
    if (hasControl(value)) return undefined;
    const key = name.toLowerCase();
    if (FOR_NODE.has(key) || Object.hasOwn(headers, key)) return undefined;
    if (key === "connection" && !CONNECTION_OPTIONS.has(value.toLowerCase())) return undefined;
    count += 1;
    if (count > MAX_HEADERS) return undefined;
    headers[key] = value;
    at = end + 2;
  }
  if (headers.host === undefined) return undefined;
  return {
    method: requestLine[1] as "GET" | "HEAD",
    target: requestLine[2] as string,
    headers,
    isLast: headers.connection?.toLowerCase() === "close",
  };
}

/**
 * The status line and headers of an answer as node:http writes them for `writeHead(status, headers)`, up
 * to the headers node:http adds itself (Date, Connection, Keep-Alive); undefined when node:http would
 * refuse a header, or would have to add one this cannot (a body without its Content-Length).
 */
function headOf(answer: SocketAnswer): Buffer | undefined {
  const reason = STATUS_CODES[answer.status];
  if (!reason || answer.status < 200) return undefined;
  let head = `HTTP/1.1 ${answer.status} ${reason}\r\n`;
  let length: string | undefined;
  for (const [name, value] of Object.entries(answer.headers)) {
    try {
      validateHeaderName(name);
      validateHeaderValue(name, value);
    } catch {
      return undefined;
    }
    const key = name.toLowerCase();
    if (WRITTEN_HERE.has(key)) return undefined;
    if (key === "content-length") length = value;
    head += `${name}: ${value}\r\n`;
  }
  if (answer.body && length !== String(answer.body.byteLength)) return undefined;
  return Buffer.from(head, "latin1");
}

/**
 * Takes the server's connections first: each one's requests are answered here while they are simple and
 * `answerFor` has their answer, and the connection is handed to node:http (with the bytes not answered,
 * put back as they came) at the first request that is not, or whose head did not arrive whole in one
 * read. From then on node:http alone serves it, with its own limits and timeouts.
 */
export function answerFromSocket(server: Server, answerFor: AnswerFor): SocketAnswers {
  // A TLS server's `connection` is the encrypted stream: what it carries is not HTTP to read here.
  if ("addContext" in server) throw new Error("answerFromSocket reads plain HTTP: it cannot serve a TLS server");
  const nodeListeners = server.listeners("connection") as ((socket: Socket) => void)[];
  server.removeAllListeners("connection");
  const open = new Set<Socket>();
  const heads = new WeakMap<SocketAnswer, Buffer | null>();
  /** Connections with a request whose answer is still coming: not idle, so a drain lets them finish. */
  const waiting = new WeakSet<Socket>();
  let isDraining = false;

  /** What node:http adds after an answer's headers: Date, then Connection (and Keep-Alive), made once a second. */
  let tailSecond = -1;
  let keptTail = Buffer.alloc(0);
  let lastTail = Buffer.alloc(0);
  const tailNow = (isLast: boolean): Buffer => {
    const second = Math.floor(Date.now() / 1000);
    if (second !== tailSecond) {
      tailSecond = second;
      const date = `Date: ${new Date(second * 1000).toUTCString()}\r\n`;
      const { keepAliveTimeout } = server;
      const keepAlive = keepAliveTimeout > 0 ? `Keep-Alive: timeout=${Math.floor(keepAliveTimeout / 1000)}\r\n` : "";
      keptTail = Buffer.from(`${date}Connection: keep-alive\r\n${keepAlive}\r\n`, "latin1");
      lastTail = Buffer.from(`${date}Connection: close\r\n\r\n`, "latin1");
    }
    return isLast ? lastTail : keptTail;
  };

  const keptHead = (answer: SocketAnswer): Buffer | undefined => {
    let head = heads.get(answer);
    if (head === undefined) {
      head = headOf(answer) ?? null;
      heads.set(answer, head);
    }
    return head ?? undefined;
  };

  const take = (socket: Socket) => {
    open.add(socket);
    /** Requests read and not yet answered, while the client is not reading what was written. */
    let held: Buffer | undefined;
    /** Whether the first answer went out: from then on the idle limit is node:http's keep-alive time. */
    let hasAnswered = false;
    const onTimeout = () => socket.destroy();
    const onError = () => socket.destroy();
    const onClose = () => open.delete(socket);
    // The client has said all it will (the server allows half-open connections, as node:http does): close
    // once every request it sent is answered. One still waiting for its answer is closed after it.
    const onEnd = () => {
      if (!waiting.has(socket) && !held) socket.end();
    };

    const handOff = (rest: Buffer) => {
      open.delete(socket);
      socket.off("data", onData);
      socket.off("drain", onDrain);
      socket.off("timeout", onTimeout);
      socket.off("error", onError);
      socket.off("close", onClose);
      socket.off("end", onEnd);
      socket.setTimeout(0);
      if (rest.byteLength > 0) socket.unshift(rest);
      for (const listener of nodeListeners) listener.call(server, socket);
      // node:http reads on from here, the bytes put back first.
      if (socket.isPaused()) socket.resume();
    };

    /**
     * Writes one answer. True when the next request may be answered; false when the request asked for the
     * last answer (the connection is closing), or the client is not reading (`rest` is held until it does).
     */
    const answerWith = (request: Parsed, answer: SocketAnswer, head: Buffer, rest: Buffer): boolean => {
      if (!hasAnswered) {
        hasAnswered = true;
        socket.setTimeout(server.keepAliveTimeout);
      }
      socket.cork();
      socket.write(head);
      let isFlowing = socket.write(tailNow(request.isLast));
      if (request.method === "GET" && answer.body !== undefined && !BODILESS.has(answer.status)) {
        isFlowing = socket.write(answer.body) && isFlowing;
      }
      socket.uncork();
      if (request.isLast || (socket.readableEnded && rest.byteLength === 0)) {
        // As node:http does: what follows a request for the last answer is not read.
        open.delete(socket);
        socket.end();
        return false;
      }
      if (isFlowing) return true;
      // The client is not reading what it asked for: answer no more until that has gone.
      held = rest;
      socket.pause();
      socket.once("drain", onDrain);
      return false;
    };

    /** Answers the requests in `bytes` in order, as far as they can be answered here. */
    const answerAll = (bytes: Buffer): void => {
      // node:http's limit (the server's own, or the process's); past it node:http answers 431.
      const maxHead = (server as { maxHeaderSize?: number }).maxHeaderSize || maxHeaderSize;
      let next = bytes;
      while (next.byteLength > 0) {
        const end = isDraining ? -1 : next.indexOf(HEAD_END);
        const request = end >= 0 && end <= maxHead ? parseSimpleHead(next.toString("latin1", 0, end)) : undefined;
        if (!request) {
          handOff(next);
          return;
        }
        const rest = next.subarray(end + HEAD_END.byteLength);
        let answer: ReturnType<AnswerFor>;
        try {
          answer = answerFor(request.method, request.target, request.headers, socket);
        } catch {
          answer = undefined;
        }
        if (answer instanceof Promise) {
          // Read nothing more until the answer is known: the request waits as one node:http serves would.
          const asked = next;
          waiting.add(socket);
          socket.pause();
          socket.setTimeout(0);
          answer.then(
            (known) => resumeWith(asked, request, known, rest),
            () => resumeWith(asked, request, undefined, rest),
          );
          return;
        }
        const head = answer && keptHead(answer);
        if (!answer || !head) {
          handOff(next);
          return;
        }
        if (!answerWith(request, answer, head, rest)) return;
        next = rest;
      }
    };

    /** Goes on after an answer that needed a moment; its request is still at the start of `bytes`. */
    const resumeWith = (bytes: Buffer, request: Parsed, answer: SocketAnswer | undefined, rest: Buffer) => {
      waiting.delete(socket);
      if (socket.destroyed) return;
      socket.setTimeout(hasAnswered ? server.keepAliveTimeout : server.headersTimeout);
      socket.resume();
      const head = answer && !isDraining && keptHead(answer);
      if (!answer || !head) handOff(bytes);
      else if (answerWith(request, answer, head, rest)) answerAll(rest);
    };

    function onDrain() {
      const rest = held ?? Buffer.alloc(0);
      held = undefined;
      socket.resume();
      if (rest.byteLength > 0) answerAll(rest);
      else if (socket.readableEnded) socket.end();
    }

    function onData(chunk: Buffer) {
      // Ended (a drain, or the client's `Connection: close`): what the client sent meanwhile is not read.
      if (socket.writableEnded) return;
      answerAll(chunk);
    }

    socket.on("data", onData);
    socket.on("end", onEnd);
    socket.on("error", onError);
    socket.once("close", onClose);
    // A first request may take as long as node:http gives a head to arrive; then the connection is idle
    // between requests for as long as node:http would keep it.
    socket.setTimeout(server.headersTimeout);
    socket.on("timeout", onTimeout);
  };

  server.on("connection", (socket: Socket) => {
    if (isDraining) {
      for (const listener of nodeListeners) listener.call(server, socket);
      return;
    }
    take(socket);
  });

  return {
    get connections() {
      return open.size;
    },
    closeIdle() {
      isDraining = true;
      for (const socket of open) {
        // One with a request waiting for its answer gives it to node:http when it comes (answered with
        // `Connection: close` while the server drains).
        if (waiting.has(socket)) continue;
        open.delete(socket);
        socket.end();
      }
    },
    closeAll() {
      for (const socket of open) {
        open.delete(socket);
        socket.destroy();
      }
    },
  };
}
