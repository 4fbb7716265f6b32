// What both Astro apps' `server.mjs` do around their own edge: load the built app's handler, read the
// port, bind the loopback addresses (or HOST), and on SIGTERM or Ctrl-C drain the requests in flight.
// One copy, so the storefront and the dashboard start and stop the same way.
import { existsSync } from "node:fs";
import http from "node:http";
import { createDrainer } from "./drain.ts";
import { releaseMemoryWhenIdle } from "./idle-memory.ts";
import { type AnswerFor, answerFromSocket } from "./socket-answers.ts";

export type AstroHandler = (request: http.IncomingMessage, response: http.ServerResponse) => void;

/**
 * The request handler of a built Astro app (`dist/server/entry.mjs` beside `server.mjs`), without the
 * adapter's own server: it binds one address, and we bind both loopback addresses ourselves.
 * Exits with a plain message when the app is not built.
 */
export async function loadBuiltHandler(appName: string, serverUrl: string): Promise<AstroHandler> {
  const entry = new URL("./dist/server/entry.mjs", serverUrl);
  if (!existsSync(entry)) {
    console.error(`The ${appName} is not built: run \`npm run build\` in apps/${appName} first.`);
    process.exit(1);
  }
  process.env.ASTRO_NODE_AUTOSTART = "disabled";
  const { handler } = (await import(entry.href)) as { handler: AstroHandler };
  return handler;
}

/** The port in `variable` (or `fallback`); exits with a message naming the variable when it is not a port. */
export function portFromEnv(variable: string, fallback: number): number {
  const value = process.env[variable];
  const port = Number(value || fallback);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`${variable} must be a port number (0-65535), not "${value}".`);
    process.exit(1);
  }
  return port;
}

export type ServeOptions = {
  /** Said in the log lines: "Storefront", "Dashboard". */
  name: string;
  port: number;
  /** The edge-wrapped handler. */
  serve: http.RequestListener;
  /**
   * Answers the simplest requests from memory before node:http parses them (socket-answers.ts); what it
   * leaves, and the rest of that connection, goes to `serve`.
   */
  answerFromSocket?: AnswerFor;
  log: (line: Record<string, unknown>) => void;
  /** Printed once listening, e.g. "Dashboard listening on http://localhost:4322". */
  listening: string;
};

/**
 * Binds HOST if set, otherwise both loopback addresses (so http://localhost:PORT works whichever one a
 * client picks), and drains on SIGTERM or Ctrl-C: stop taking connections, let the requests in flight
 * finish for at most SHUTDOWN_TIMEOUT_MS (default 10000), close idle keep-alive connections, exit.
 * Once the process goes quiet after work for MEMORY_RELEASE_IDLE_S (default 10; 0 never), memory is
 * given back (idle-memory.ts).
 */
export async function serveWithDrain(options: ServeOptions): Promise<void> {
  const hosts = process.env.HOST ? [process.env.HOST] : ["127.0.0.1", "::1"];
  const shutdownTimeoutMs = Number(process.env.SHUTDOWN_TIMEOUT_MS || 10_000);
  const idleSeconds = Number(process.env.MEMORY_RELEASE_IDLE_S || 10);
  if (!Number.isFinite(idleSeconds) || idleSeconds < 0) {
    console.error(
      `MEMORY_RELEASE_IDLE_S must be a number of seconds (0 for never), not "${process.env.MEMORY_RELEASE_IDLE_S}".`,
    );
    process.exit(1);
  }
  const drainer = createDrainer();
  const listen = (host: string) =>
    new Promise<http.Server>((resolve, reject) => {
      const server = http.createServer(options.serve);
      const socketAnswers = options.answerFromSocket ? answerFromSocket(server, options.answerFromSocket) : undefined;
      server.once("error", reject);
      server.listen(options.port, host, () => resolve(server));
      drainer.add(server, socketAnswers);
    });

  for (const host of hosts) {
    try {
      await listen(host);
    } catch (error) {
      // A machine without IPv6 has no ::1; 127.0.0.1 is enough there.
      const code = (error as NodeJS.ErrnoException).code ?? "";
      const isIpv6Missing = host === "::1" && ["EADDRNOTAVAIL", "EAFNOSUPPORT"].includes(code);
      if (!isIpv6Missing) throw error;
    }
  }

  const idleMemory = releaseMemoryWhenIdle({ idleMs: idleSeconds * 1000, log: options.log });
  const stop = async (signal: string) => {
    idleMemory.stop();
    process.stdout.write(`${options.name} stopping (${signal}), ${drainer.inFlight} request(s) in flight\n`);
    const isDrained = await drainer.drain(shutdownTimeoutMs);
    if (!isDrained) {
      options.log({ level: "warn", msg: `${options.name.toLowerCase()} forced to stop`, afterMs: shutdownTimeoutMs });
    }
    process.stdout.write(`${options.name} stopped\n`);
    process.exit(isDrained ? 0 : 1);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
  process.stdout.write(`${options.listening}\n`);
}
