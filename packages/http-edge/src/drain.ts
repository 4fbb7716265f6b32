import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { SocketAnswers } from "./socket-answers.ts";

export type Drainer = {
  /**
   * Watches one more server; call before it takes traffic. With `socketAnswers`, the connections those
   * answer themselves (socket-answers.ts) are closed with the server's own.
   */
  add(server: Server, socketAnswers?: SocketAnswers): void;
  /** Requests started and not yet answered (or abandoned). */
  readonly inFlight: number;
  /**
   * Stops accepting connections, lets every request in flight finish (each answered with
   * `Connection: close`), closes keep-alive sockets as they go idle, and resolves true once all
   * connections are gone, or false when `timeoutMs` ran out and the rest were cut.
   */
  drain(timeoutMs: number): Promise<boolean>;
};

/**
 * Watches the requests on `servers` so they can be drained on shutdown. Call before the servers take
 * traffic; it adds one `request` listener per server, next to whatever handler the server already has.
 */
export function createDrainer(initial: Server[] = []): Drainer {
  const servers: Server[] = [];
  const answeredOnSockets: SocketAnswers[] = [];
  const active = new Set<ServerResponse>();
  let isDraining = false;
  const closeIdle = () => {
    for (const server of servers) server.closeIdleConnections();
    for (const answers of answeredOnSockets) answers.closeIdle();
  };
  const forget = (response: ServerResponse) => {
    active.delete(response);
    if (isDraining) closeIdle();
  };
  const track = (_request: IncomingMessage, response: ServerResponse) => {
    // The server's handler runs before this listener. A response it already ended (a warm page, written
    // at once) is not in flight: nothing to wait for, and no listener to add to each of thousands a second.
    // During a drain its connection is closed once idle, like any other.
    if (response.writableEnded) {
      if (isDraining) response.once("close", closeIdle);
      return;
    }
    active.add(response);
    // A keep-alive connection may bring one more request after the drain began: answer it, then close.
    if (isDraining) closeAfter(response);
    response.once("close", () => forget(response));
  };
  const add = (server: Server, socketAnswers?: SocketAnswers) => {
    servers.push(server);
    if (socketAnswers) answeredOnSockets.push(socketAnswers);
    server.on("request", track);
  };
  for (const server of initial) add(server);

  let drained: Promise<boolean> | undefined;
  return {
    add,
    get inFlight() {
      return active.size;
    },
    drain(timeoutMs) {
      drained ??= new Promise((resolve) => {
        isDraining = true;
        for (const response of active) closeAfter(response);
        let open = servers.length;
        if (open === 0) {
          resolve(true);
          return;
        }
        const timer = setTimeout(() => {
          for (const server of servers) server.closeAllConnections();
          for (const answers of answeredOnSockets) answers.closeAll();
          resolve(false);
        }, timeoutMs);
        const closed = () => {
          open -= 1;
          if (open > 0) return;
          clearTimeout(timer);
          resolve(true);
        };
        for (const server of servers) {
          // close() stops listening and calls back once the last connection has closed.
          if (server.listening) server.close(closed);
          else closed();
        }
        closeIdle();
      });
      return drained;
    },
  };
}

/** Ends the response's connection once it is answered, unless its headers are already out. */
function closeAfter(response: ServerResponse): void {
  if (response.headersSent) return;
  response.shouldKeepAlive = false;
  response.setHeader("Connection", "close");
}
