// Draining on a real node:http server: requests in flight are answered, idle keep-alive connections
// are closed, and a request that never finishes is cut when the time runs out.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { createDrainer } from "./drain.ts";

/** A server whose answers wait until `release()` is called. */
async function heldServer() {
  const waiting: (() => void)[] = [];
  let onRequest = () => {};
  const server = http.createServer((_request, response) => {
    waiting.push(() => response.end("done"));
    onRequest();
  });
  const drainer = createDrainer([server]);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const received = (count: number) =>
    new Promise<void>((resolve) => {
      onRequest = () => {
        if (waiting.length >= count) resolve();
      };
      onRequest();
    });
  const release = () => {
    for (const answer of waiting.splice(0)) answer();
  };
  return { server, drainer, port, received, release };
}

function getVia(agent: http.Agent, port: number) {
  return new Promise<{ body: string; connection: string | undefined }>((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, agent }, (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          body += chunk;
        });
        response.once("end", () => resolve({ body, connection: response.headers.connection }));
      })
      .once("error", reject);
  });
}

describe("createDrainer", () => {
  it("answers every request in flight with Connection: close, then resolves true", async () => {
    const held = await heldServer();
    const agent = new http.Agent({ keepAlive: true });
    const replies = Promise.all(Array.from({ length: 5 }, () => getVia(agent, held.port)));
    await held.received(5);
    expect(held.drainer.inFlight).toBe(5);
    const drained = held.drainer.drain(30_000);
    held.release();
    expect(await replies).toEqual(Array(5).fill({ body: "done", connection: "close" }));
    expect(await drained).toBe(true);
    expect(held.server.listening).toBe(false);
    agent.destroy();
  });

  it("closes an idle keep-alive connection at once", async () => {
    const held = await heldServer();
    const agent = new http.Agent({ keepAlive: true });
    const first = getVia(agent, held.port);
    await held.received(1);
    held.release();
    expect((await first).body).toBe("done");
    // The agent keeps that connection open and idle; the drain must not wait for it.
    expect(await held.drainer.drain(30_000)).toBe(true);
    agent.destroy();
  });

  it("does not count a response its handler ended at once; the drain closes its idle connection", async () => {
    const server = http.createServer((request, response) => {
      if (request.url === "/now") response.end("now");
    });
    const drainer = createDrainer([server]);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const agent = new http.Agent({ keepAlive: true });
    const answered = await new Promise<string>((resolve, reject) => {
      http
        .get({ host: "127.0.0.1", port, agent, path: "/now" }, (response) => {
          let body = "";
          response.on("data", (chunk: Buffer) => {
            body += chunk;
          });
          response.once("end", () => resolve(body));
        })
        .once("error", reject);
    });
    expect(answered).toBe("now");
    expect(drainer.inFlight).toBe(0);
    expect(await drainer.drain(30_000)).toBe(true);
    agent.destroy();
  });

  it("cuts what is still open when the time runs out, and resolves false", async () => {
    const held = await heldServer();
    const reply = getVia(new http.Agent(), held.port).catch((error: Error) => error);
    await held.received(1);
    expect(await held.drainer.drain(50)).toBe(false);
    expect(await reply).toBeInstanceOf(Error);
  });
});
