import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { fileURLToPath } from "node:url";

export type BuiltServer = {
  port: number;
  /** The server process, to signal it. */
  pid: number;
  stop: () => Promise<void>;
  output: () => string;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
};
export type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string };

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
 * Runs the app's built server (server.mjs) on a free port and resolves once /healthz answers 200.
 * @param portVariable the env variable server.mjs reads its port from, e.g. "STOREFRONT_PORT"
 */
export async function startBuiltServer(
  appDir: URL,
  portVariable: string,
  env: Record<string, string> = {},
  chosenPort?: number,
): Promise<BuiltServer> {
  const entry = new URL("dist/server/entry.mjs", appDir);
  if (!existsSync(entry)) {
    throw new Error(
      `${fileURLToPath(entry)} is missing: build the app first (\`npm run build\` in ${fileURLToPath(appDir)}, or \`npx turbo run test\`, which builds before testing).`,
    );
  }
  const port = chosenPort ?? (await freePort());
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
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`server.mjs exited with code ${child.exitCode} before answering /healthz:\n${output}`);
    }
    const reply = await get(port, "/healthz").catch(() => undefined);
    if (reply?.status === 200) return { port, pid: child.pid ?? 0, stop, output: () => output, exited };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`server.mjs did not answer /healthz on port ${port} within 15 s:\n${output}`);
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}
