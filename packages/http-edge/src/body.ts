import type { IncomingMessage, ServerResponse } from "node:http";

/** How long a refused upload may keep sending after its 413 before the connection is cut. */
const LINGER_MS = 2000;

export type BodyOutcome =
  | { kind: "read"; body: Buffer }
  | { kind: "too-large" }
  /** The client went away (or broke the stream) before its body arrived; there is no one to answer. */
  | { kind: "gone" };

/** The Content-Length a request declares, or undefined when it declares none (chunked, or no body). */
function declaredLength(request: IncomingMessage): number | undefined {
  const header = request.headers["content-length"];
  return header === undefined ? undefined : Number(header);
}

/** True when a request carries a body at all (Node has already refused a malformed Content-Length). */
export function hasBody(request: IncomingMessage): boolean {
  if (request.headers["transfer-encoding"] !== undefined) return true;
  const length = declaredLength(request);
  return length !== undefined && length > 0;
}

/**
 * Reads a request's body into memory, but never more than `maxBytes`: a declared Content-Length over the
 * limit is refused before a byte is read, and a chunked body is counted as it streams and dropped the
 * moment it passes the limit (what was read is let go, nothing more is kept).
 */
export function readBody(request: IncomingMessage, maxBytes: number): Promise<BodyOutcome> {
  const length = declaredLength(request);
  if (length !== undefined && length > maxBytes) return Promise.resolve({ kind: "too-large" });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const settle = (outcome: BodyOutcome) => {
      request.off("data", onData);
      request.off("end", onEnd);
      request.off("error", onGone);
      request.off("close", onGone);
      chunks.length = 0;
      resolve(outcome);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) {
        // Stop here: the rest is not buffered; refuse() decides what happens to the connection.
        request.pause();
        settle({ kind: "too-large" });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      const body = Buffer.concat(chunks, received);
      settle({ kind: "read", body });
    };
    const onGone = () => settle({ kind: "gone" });
    request.on("data", onData);
    request.once("end", onEnd);
    request.once("error", onGone);
    request.once("close", onGone);
  });
}

/**
 * Answers a request whose body will not be read, then closes its connection. The answer goes out with
 * `Connection: close`. When the client is still sending, closing at once would reset the connection and
 * the client could lose the answer, so the connection is half-closed instead and left unread (TCP holds
 * the client back) for at most LINGER_MS, then the socket is cut.
 */
export function answerAndClose(
  response: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: string,
): void {
  const request = response.req;
  const socket = response.socket;
  if (!request.complete && socket) {
    // Node calls destroySoon() once a `Connection: close` answer is written; make it linger instead.
    socket.destroySoon = () => {
      socket.end();
      const cut = setTimeout(() => socket.destroy(), LINGER_MS);
      socket.once("close", () => clearTimeout(cut));
    };
    // Node resumes (reads and drops) a body nobody read once the answer is finished; keep it paused, so a
    // client that goes on sending is held back by TCP instead of costing reads.
    response.once("finish", () => request.pause());
  }
  response.shouldKeepAlive = false;
  response.writeHead(status, { ...headers, "Content-Length": String(Buffer.byteLength(body)), Connection: "close" });
  response.end(body);
}
