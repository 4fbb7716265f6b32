// Test helpers for the two Astro apps' built servers (storefront and dashboard), one copy for both: a
// free port, raw HTTP with any Host header, and `node server.mjs` started and stopped as production runs it.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { fileURLToPath } from "node:url";

export type BuiltServer = {
  port: number;
  /** The server process, to read its memory from /proc or signal it. */
  pid: number;
  stop: () => Promise<void>;
  output: () => string;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
};
export type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string };
export type RawReply = { status: number; headers: http.IncomingHttpHeaders; bytes: Buffer };

/** A port that was free a moment ago: listen on port 0, note the port, close. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** GET from 127.0.0.1 with any Host header (fetch will not send a custom Host). */
export function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: "127.0.0.1", port, path, headers }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        body += chunk;
      });
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.once("error", reject);
  });
}

/**
 * Any request to 127.0.0.1 with any Host header, answering the raw bytes (not decompressed), so
 * tests can see exactly what a browser would receive.
 */
export function request(
  port: number,
  options: {
    /** Which loopback the request comes from and goes to (default IPv4): two addresses are two buyers. */
    address?: "127.0.0.1" | "::1";
    method?: string;
    path: string;
    headers?: Record<string, string>;
    body?: string;
  },
): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(
      {
        host: options.address ?? "127.0.0.1",
        port,
        path: options.path,
        method: options.method ?? "GET",
        headers: options.headers ?? {},
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, bytes: Buffer.concat(chunks) }),
        );
      },
    );
    outgoing.once("error", reject);
    outgoing.end(options.body);
  });
}

/**
 * Runs the app's built server (server.mjs) on a free port and resolves once /healthz answers 200.
 * @param portVariable the env variable server.mjs reads its port from, e.g. "STOREFRONT_PORT"
 */
export async function startBuiltServer(
  appDir: URL,
  portVariable: string,
  env: Record<string, string> = {},
  options: { port?: number } = {},
): Promise<BuiltServer> {
  const entry = new URL("dist/server/entry.mjs", appDir);
  if (!existsSync(entry)) {
    throw new Error(
      `${fileURLToPath(entry)} is missing: build the app first (\`npm run build\` in ${fileURLToPath(appDir)}, or \`npx turbo run test\`, which builds before testing).`,
    );
  }
  const port = options.port ?? (await freePort());
  const { HOST: _host, ...parentEnv } = process.env;
  const child = spawn(process.execPath, ["server.mjs"], {
    cwd: appDir,
    env: { ...parentEnv, ASTRO_TELEMETRY_DISABLED: "1", ...env, [portVariable]: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr.on("data", (chunk) => {
    output += chunk;
  });
  const stop = () => stopProcess(child);
  const logs = () => output;
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`server.mjs exited with code ${child.exitCode} before answering /healthz:\n${output}`);
    }
    const reply = await get(port, "/healthz").catch(() => undefined);
    if (reply?.status === 200) return { port, pid: child.pid ?? 0, stop, output: logs, exited };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`server.mjs did not answer /healthz on port ${port} within 15 s:\n${output}`);
}

export function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}
