// Answers from the socket on a real node:http server over real TCP: what is answered here is byte for
// byte what node:http writes for the same answer; everything else (and the rest of its connection)
// reaches node:http exactly as the client sent it, pipelined, split, with bodies, refused or odd.
import http from "node:http";
import https from "node:https";
import net, { type AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createDrainer } from "./drain.ts";
import { type AnswerFor, answerFromSocket, type SocketAnswer, type SocketAnswers } from "./socket-answers.ts";

const PAGE: SocketAnswer = {
  status: 200,
  headers: {
    "x-content-type-options": "nosniff",
    "cache-control": "public, s-maxage=60",
    "content-encoding": "br",
    "content-length": "11",
    "content-type": "text/html; charset=utf-8",
    etag: 'W/"page"',
    vary: "Accept-Encoding",
  },
  body: Buffer.from("fast answer"),
};
const PLAIN: SocketAnswer = {
  status: 200,
  headers: { "content-type": "text/plain", "content-length": "11" },
  body: Buffer.from("fast answer"),
};
/** An answer that needs a moment (a check elsewhere). */
const later = <T>(value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), 50));
/** Answers to /held, each given when the test calls it. */
const releaseHeld: (() => void)[] = [];
const HEAD_PAGE: SocketAnswer = { ...PAGE, body: undefined };
const NOT_MODIFIED: SocketAnswer = {
  status: 304,
  headers: { "cache-control": "public, s-maxage=60", etag: 'W/"page"', vary: "Accept-Encoding" },
  body: undefined,
};

/** The answers the tests' servers know: /fast (GET, HEAD, If-None-Match), and a big page for slow readers. */
const answers: AnswerFor = (method, target, headers) => {
  if (target === "/fast") {
    if (headers["if-none-match"] === 'W/"page"') return NOT_MODIFIED;
    return method === "HEAD" ? HEAD_PAGE : PAGE;
  }
  if (target === "/big") return BIG;
  if (target === "/plain") return PLAIN;
  if (target === "/throws") throw new Error("no answer");
  if (target === "/later") return later(PLAIN);
  if (target === "/held") return new Promise<SocketAnswer>((resolve) => releaseHeld.push(() => resolve(PLAIN)));
  if (target === "/later-none") return later(undefined);
  if (target === "/later-fails") return later(undefined).then(() => Promise.reject(new Error("check failed")));
  if (target === "/bad-header") return { status: 200, headers: { "x-bad": "a\nb" }, body: undefined };
  if (target === "/wrong-length") return { ...PAGE, headers: { ...PAGE.headers, "content-length": "3" } };
  return undefined;
};
const BIG_BYTES = 256 * 1024;
const BIG: SocketAnswer = {
  status: 200,
  headers: { "content-type": "text/plain", "content-length": String(BIG_BYTES) },
  body: Buffer.alloc(BIG_BYTES, "x"),
};

/** node:http's own answers name what it read: the method, the target and the body. */
function nodeAnswer(request: http.IncomingMessage, response: http.ServerResponse) {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    const text = `node ${request.method} ${request.url} body=${Buffer.concat(chunks).toString()}`;
    response.writeHead(200, { "content-type": "text/plain", "content-length": Buffer.byteLength(text) });
    response.end(text);
  });
}

const started: http.Server[] = [];
const answeringOnSockets: SocketAnswers[] = [];

async function start(options: { answerFor?: AnswerFor; keepAliveTimeout?: number } = {}) {
  const asked: string[] = [];
  const server = http.createServer(nodeAnswer);
  if (options.keepAliveTimeout !== undefined) server.keepAliveTimeout = options.keepAliveTimeout;
  const answerFor = options.answerFor ?? answers;
  const socketAnswers = answerFromSocket(server, (method, target, headers, socket) => {
    asked.push(`${method} ${target}`);
    return answerFor(method, target, headers, socket);
  });
  const sockets: net.Socket[] = [];
  server.on("connection", (socket: net.Socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  started.push(server);
  answeringOnSockets.push(socketAnswers);
  const { port } = server.address() as AddressInfo;
  return { server, port, asked, sockets, socketAnswers };
}

afterEach(async () => {
  for (const answers of answeringOnSockets.splice(0)) answers.closeAll();
  for (const server of started.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

type Reply = { head: string; status: number; headers: Record<string, string>; body: Buffer };

/** Reads HTTP/1.1 answers off a byte stream: each has a Content-Length or no body (HEAD, 304). */
function parseReplies(bytes: Buffer, methods: string[]): Reply[] {
  const replies: Reply[] = [];
  let at = 0;
  while (at < bytes.byteLength) {
    const end = bytes.indexOf("\r\n\r\n", at);
    if (end < 0) break;
    const head = bytes.toString("latin1", at, end);
    const [statusLine = "", ...lines] = head.split("\r\n");
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(":");
      headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
    }
    const status = Number(statusLine.split(" ")[1]);
    const method = methods[replies.length] ?? "GET";
    const length = method === "HEAD" || status === 304 ? 0 : Number(headers["content-length"] ?? 0);
    const bodyAt = end + 4;
    if (bytes.byteLength < bodyAt + length) break;
    // An interim answer (100 Continue) comes before the answer itself.
    if (status >= 200) replies.push({ head, status, headers, body: bytes.subarray(bodyAt, bodyAt + length) });
    at = bodyAt + length;
  }
  return replies;
}

/**
 * Sends `parts` on one connection, each in its own write (apart by `gapMs`), and resolves with every
 * byte received once `expected` answers are in, or the server closes, or `waitMs` passes.
 */
function exchange(
  port: number,
  parts: (string | Buffer)[],
  options: { expected: number; methods?: string[]; gapMs?: number; waitMs?: number },
): Promise<{ bytes: Buffer; replies: Reply[]; closedByServer: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    let closedByServer = false;
    let isDone = false;
    const finish = () => {
      if (isDone) return;
      isDone = true;
      clearTimeout(timer);
      socket.destroy();
      const bytes = Buffer.concat(chunks);
      resolve({ bytes, replies: parseReplies(bytes, options.methods ?? []), closedByServer });
    };
    const timer = setTimeout(finish, options.waitMs ?? 3000);
    socket.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      if (parseReplies(Buffer.concat(chunks), options.methods ?? []).length >= options.expected) finish();
    });
    socket.on("end", () => {
      closedByServer = true;
      finish();
    });
    socket.on("error", reject);
    socket.on("connect", async () => {
      for (const [index, part] of parts.entries()) {
        if (index > 0) await new Promise((wait) => setTimeout(wait, options.gapMs ?? 30));
        socket.write(part);
      }
    });
  });
}

const get = (target: string, extra = "") => `GET ${target} HTTP/1.1\r\nHost: shop.test\r\n${extra}\r\n`;
const withoutDate = (head: string) => head.replace(/\r\nDate: [^\r]+/, "\r\nDate: -");

/** What node:http itself writes for `writeHead(answer.status, answer.headers)` and `end(answer.body)`. */
async function asNodeWrites(answer: SocketAnswer, request: string, method = "GET"): Promise<Buffer> {
  const server = http.createServer((_request, response) => {
    response.writeHead(answer.status, answer.headers);
    response.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  started.push(server);
  const { port } = server.address() as AddressInfo;
  const { bytes } = await exchange(port, [request], { expected: 1, methods: [method] });
  return bytes;
}

describe("answerFromSocket", () => {
  it.each([
    ["GET", get("/fast"), PAGE],
    ["HEAD", "HEAD /fast HTTP/1.1\r\nHost: shop.test\r\n\r\n", HEAD_PAGE],
    ["GET", get("/fast", 'If-None-Match: W/"page"\r\n'), NOT_MODIFIED],
    ["GET", get("/fast", "Connection: close\r\n"), PAGE],
    ["GET", get("/fast", "Connection: keep-alive\r\n"), PAGE],
  ])("answers %s %j with the bytes node:http writes for the same answer", async (method, request, answer) => {
    const { port, asked } = await start();
    const here = await exchange(port, [request], { expected: 1, methods: [method] });
    const there = await asNodeWrites(answer, request, method);
    expect(asked).toEqual([`${method} /fast`]);
    expect(withoutDate(here.bytes.toString("latin1"))).toBe(withoutDate(there.toString("latin1")));
    expect(here.replies[0]?.headers.date).toMatch(/^\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT$/);
  });

  it("closes the connection after an answer the client asked to be the last, reading nothing after it", async () => {
    const { port, asked } = await start();
    const reply = await exchange(port, [get("/fast", "Connection: close\r\n") + get("/fast")], { expected: 2 });
    expect(reply.closedByServer).toBe(true);
    expect(reply.replies.map((one) => one.headers.connection)).toEqual(["close"]);
    expect(asked).toEqual(["GET /fast"]);
  });

  it("answers a client that sends its request and half-closes, then closes too", async () => {
    const { port } = await start();
    const client = net.connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    client.on("data", (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise((resolve) => client.once("end", resolve));
    client.end(get("/fast") + get("/fast"));
    await ended;
    client.destroy();
    const replies = parseReplies(Buffer.concat(chunks), []);
    expect(replies.map((reply) => reply.body.toString())).toEqual(["fast answer", "fast answer"]);
  });

  it("refuses to read a TLS server's connections", () => {
    const server = https.createServer();
    expect(() => answerFromSocket(server, answers)).toThrow(/plain HTTP/);
  });

  it("answers pipelined requests in order, handing the connection to node:http at the first it cannot answer", async () => {
    const { port, asked } = await start();
    const { replies } = await exchange(port, [get("/fast") + get("/slow") + get("/fast")], { expected: 3 });
    expect(replies.map((reply) => reply.body.toString())).toEqual([
      "fast answer",
      "node GET /slow body=",
      "node GET /fast body=",
    ]);
    // node:http has the connection from the second request on: it is never asked here again.
    expect(asked).toEqual(["GET /fast", "GET /slow"]);
  });

  it("keeps answering on one connection, request after request", async () => {
    const { port, asked } = await start();
    const parts = Array.from({ length: 20 }, () => get("/fast"));
    const { replies } = await exchange(port, parts, { expected: 20, gapMs: 5 });
    expect(replies.map((reply) => reply.body.toString())).toEqual(Array(20).fill("fast answer"));
    expect(asked).toHaveLength(20);
  });

  it("gives node:http a head that came in two reads, whole", async () => {
    const { port, asked } = await start();
    const request = get("/fast", "Accept-Encoding: br\r\n");
    const { replies } = await exchange(port, [request.slice(0, 20), request.slice(20)], { expected: 1 });
    expect(replies.map((reply) => reply.body.toString())).toEqual(["node GET /fast body="]);
    expect(asked).toEqual([]);
  });

  it("gives node:http a body in pieces after an answer, byte for byte", async () => {
    const { port } = await start();
    const post = "POST /form HTTP/1.1\r\nHost: shop.test\r\nContent-Length: 11\r\n\r\nhello";
    const { replies } = await exchange(port, [get("/fast"), post, " world", get("/fast")], { expected: 3 });
    expect(replies.map((reply) => reply.body.toString())).toEqual([
      "fast answer",
      "node POST /form body=hello world",
      "node GET /fast body=",
    ]);
  });

  it("leaves a body hidden in a GET to node:http, which reads it as a body, not as a request", async () => {
    const { port, asked } = await start();
    const inner = get("/fast");
    const smuggled = `GET /fast HTTP/1.1\r\nHost: shop.test\r\nContent-Length: ${inner.length}\r\n\r\n${inner}`;
    const { replies } = await exchange(port, [smuggled], { expected: 2, waitMs: 500 });
    expect(replies.map((reply) => reply.body.toString())).toEqual([`node GET /fast body=${inner}`]);
    expect(asked).toEqual([]);
  });

  it.each([
    ["HTTP/1.0", "GET /fast HTTP/1.0\r\nHost: shop.test\r\n\r\n"],
    ["a chunked GET", `${get("/fast", "Transfer-Encoding: chunked\r\n")}0\r\n\r\n`],
    ["an empty Content-Length", get("/fast", "Content-Length: 0\r\n")],
    ["an upgrade", get("/fast", "Connection: Upgrade\r\nUpgrade: websocket\r\n")],
    ["Expect", get("/fast", "Expect: 100-continue\r\n")],
    ["a Connection list", get("/fast", "Connection: keep-alive, TE\r\n")],
    ["a repeated header", get("/fast", "Accept: a\r\nAccept: b\r\n")],
    ["a POST", "POST /fast HTTP/1.1\r\nHost: shop.test\r\nContent-Length: 0\r\n\r\n"],
    ["an absolute target", "GET http://shop.test/fast HTTP/1.1\r\nHost: shop.test\r\n\r\n"],
    ["an answer that throws", get("/throws")],
    ["an answer node:http would refuse", get("/bad-header")],
    ["an answer whose Content-Length is wrong", get("/wrong-length")],
  ])("leaves %s to node:http", async (_name, request) => {
    const { port } = await start();
    const { replies } = await exchange(port, [request], { expected: 1 });
    expect(replies[0]?.body.toString()).toMatch(/^node /);
  });

  it.each([
    ["no Host", "GET /fast HTTP/1.1\r\nAccept: */*\r\n\r\n", 400],
    ["a folded header", get("/fast", "Accept: a\r\n b\r\n"), 400],
    ["a blank before a colon", get("/fast", "Accept : a\r\n"), 400],
    ["a control character in a value", get("/fast", "Accept: a\x01b\r\n"), 400],
    ["a bare LF", "GET /fast HTTP/1.1\r\nHost: shop.test\nAccept: a\r\n\r\n", 400],
    ["a lower-case method", "get /fast HTTP/1.1\r\nHost: shop.test\r\n\r\n", 400],
    ["a head over node:http's size limit", get("/fast", `X-Long: ${"a".repeat(20_000)}\r\n`), 431],
  ])("leaves a request with %s to node:http, which refuses it", async (_name, request, status) => {
    const { port, asked } = await start();
    const { replies } = await exchange(port, [request], { expected: 1 });
    expect(replies[0]?.status).toBe(status);
    expect(asked).toEqual([]);
  });

  it("waits for an answer that needs a moment, answering the requests behind it in order afterwards", async () => {
    const { port, asked } = await start();
    const { replies } = await exchange(port, [get("/later") + get("/fast") + get("/later-none") + get("/fast")], {
      expected: 4,
    });
    expect(replies.map((reply) => reply.body.toString())).toEqual([
      "fast answer",
      "fast answer",
      "node GET /later-none body=",
      "node GET /fast body=",
    ]);
    expect(asked).toEqual(["GET /later", "GET /fast", "GET /later-none"]);
  });

  it("gives node:http a request whose answer failed to come", async () => {
    const { port } = await start();
    const { replies } = await exchange(port, [get("/later-fails")], { expected: 1 });
    expect(replies.map((reply) => reply.body.toString())).toEqual(["node GET /later-fails body="]);
  });

  it("lets a drain wait for an answer still coming, which node:http gives with Connection: close", async () => {
    const { server, port, socketAnswers } = await start();
    const drainer = createDrainer();
    drainer.add(server, socketAnswers);
    const reply = exchange(port, [get("/held")], { expected: 1 });
    while (releaseHeld.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const drained = drainer.drain(5000);
    for (const release of releaseHeld.splice(0)) release();
    const { replies } = await reply;
    expect(replies.map((one) => [one.body.toString(), one.headers.connection])).toEqual([
      ["node GET /held body=", "close"],
    ]);
    expect(await drained).toBe(true);
  });

  it("stops reading from a client that does not read its answers, and answers all once it does", async () => {
    const { port, sockets, asked } = await start();
    const count = 200;
    const client = net.connect(port, "127.0.0.1");
    await new Promise((resolve) => client.once("connect", resolve));
    client.pause();
    client.write(get("/big").repeat(count));
    // 200 answers of 256 KB are 50 MB; the kernel holds a few MB, so the server must stop answering.
    for (let look = 0; look < 500 && !sockets[0]?.isPaused(); look += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const serverSide = sockets[0];
    expect(serverSide?.isPaused()).toBe(true);
    // Paused for good, not for a moment: nothing more is answered while the client does not read.
    const answeredWhenPaused = asked.length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(asked.length).toBe(answeredWhenPaused);
    expect(asked.length).toBeLessThan(count);
    expect(serverSide?.writableLength ?? 0).toBeLessThan(4 * 1024 * 1024);
    const received = await new Promise<number>((resolve) => {
      let bytes = 0;
      const expectedBytes = count * BIG_BYTES;
      client.on("data", (chunk: Buffer) => {
        bytes += chunk.byteLength;
        if (bytes >= expectedBytes) resolve(bytes);
      });
      client.resume();
    });
    client.destroy();
    expect(received).toBeGreaterThan(count * BIG_BYTES);
    expect(asked).toHaveLength(count);
  });

  it("closes a connection idle between requests after the server's keep-alive time", async () => {
    const { port } = await start({ keepAliveTimeout: 300 });
    const reply = await exchange(port, [get("/fast")], { expected: 2, waitMs: 5000 });
    expect(reply.replies).toHaveLength(1);
    expect(reply.closedByServer).toBe(true);
  });

  it("is ended by a drain when idle, and the server closes", async () => {
    const { server, port, socketAnswers } = await start();
    const drainer = createDrainer();
    drainer.add(server, socketAnswers);
    const client = net.connect(port, "127.0.0.1");
    const ended = new Promise((resolve) => client.once("end", resolve));
    client.write(get("/fast"));
    await new Promise((resolve) => client.once("data", resolve));
    expect(socketAnswers.connections).toBe(1);
    const drained = drainer.drain(5000);
    await ended;
    expect(await drained).toBe(true);
    expect(socketAnswers.connections).toBe(0);
    client.destroy();
  });

  it("answers real clients over kept connections (fetch)", async () => {
    const { port, asked } = await start();
    const bodies = await Promise.all(
      Array.from({ length: 100 }, async () => (await fetch(`http://127.0.0.1:${port}/plain`)).text()),
    );
    expect(new Set(bodies)).toEqual(new Set(["fast answer"]));
    expect(asked).toHaveLength(100);
  });
});
