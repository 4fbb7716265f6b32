// `npm start`: migrate, seed the demo shop on first run, start API, storefront and dashboard,
// print their URLs, and stop them all cleanly on Ctrl-C.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Env, EnvError, parseEnv } from "@stall/api/env";
import { prepareDatabase } from "@stall/demo-seed";

const root = fileURLToPath(new URL("..", import.meta.url));

type Service = { name: string; entry: string; healthUrl: string; env: Record<string, string> };

function services(env: Env): Service[] {
  const shared = {
    DATABASE_URL: env.DATABASE_URL,
    DATA_DIR: env.dataDir,
    STOREFRONT_ROOT_DOMAIN: env.STOREFRONT_ROOT_DOMAIN,
    PUBLIC_API_URL: env.PUBLIC_API_URL,
    API_PORT: String(env.API_PORT),
    STOREFRONT_PORT: String(env.STOREFRONT_PORT),
    SHUTDOWN_TIMEOUT_MS: String(env.SHUTDOWN_TIMEOUT_MS),
    DASHBOARD_PORT: String(env.DASHBOARD_PORT),
    API_URL: `http://127.0.0.1:${env.API_PORT}`,
    ASTRO_TELEMETRY_DISABLED: "1",
    // Lets the API believe the address the storefront and the dashboard forward (decision 014); new each
    // start is fine.
    STOREFRONT_SECRET: env.STOREFRONT_SECRET ?? randomBytes(32).toString("hex"),
  };
  return [
    { name: "api", entry: "apps/api/src/server.ts", healthUrl: `http://127.0.0.1:${env.API_PORT}/readyz`, env: shared },
    {
      name: "storefront",
      entry: "apps/storefront/server.mjs",
      healthUrl: `http://127.0.0.1:${env.STOREFRONT_PORT}/healthz`,
      env: shared,
    },
    {
      name: "dashboard",
      entry: "apps/dashboard/server.mjs",
      healthUrl: `http://127.0.0.1:${env.DASHBOARD_PORT}/healthz`,
      env: shared,
    },
  ];
}

function prefixLines(name: string, stream: NodeJS.ReadableStream, out: NodeJS.WritableStream) {
  let buffered = "";
  stream.on("data", (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) out.write(`[${name}] ${line}\n`);
  });
}

async function waitUntilHealthy(service: Service, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${service.name} exited with code ${child.exitCode} while starting`);
    try {
      const response = await fetch(service.healthUrl);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${service.name} did not answer ${service.healthUrl} within ${timeoutMs / 1000} s`);
}

async function main() {
  const env = parseEnv(process.env, root);
  for (const app of ["storefront", "dashboard"]) {
    if (!existsSync(join(root, "apps", app, "dist", "server", "entry.mjs"))) {
      throw new Error(`apps/${app} is not built. Run "npm start" (it builds first) or "npm run build".`);
    }
  }

  const prepared = await prepareDatabase(env, (message) => process.stdout.write(`[setup] ${message}\n`));

  const children: { service: Service; child: ChildProcess }[] = [];
  let stopping = false;

  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write("\nStopping Stall…\n");
    await Promise.all(
      children.map(
        ({ child }) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            // Each app drains for up to SHUTDOWN_TIMEOUT_MS itself; kill only one that overstays that.
            const timer = setTimeout(() => child.kill("SIGKILL"), env.SHUTDOWN_TIMEOUT_MS + 5_000);
            child.once("exit", () => {
              clearTimeout(timer);
              resolve();
            });
            child.kill("SIGTERM");
          }),
      ),
    );
    process.stdout.write("Stall stopped.\n");
    process.exit(code);
  };
  process.on("SIGINT", () => void stopAll(0));
  process.on("SIGTERM", () => void stopAll(0));

  for (const service of services(env)) {
    const child = spawn(process.execPath, [join(root, service.entry)], {
      cwd: root,
      env: { ...process.env, ...service.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    prefixLines(service.name, child.stdout, process.stdout);
    prefixLines(service.name, child.stderr, process.stderr);
    child.on("exit", (code, signal) => {
      if (stopping) return;
      // Each app exits 0 only once it has drained after SIGINT or SIGTERM. Ctrl-C reaches every process in
      // the group at once and an idle app may finish before this process has handled its own signal; or
      // someone stopped one app on purpose. Either way it is a stop, not a crash: stop the rest too.
      if (code === 0 || signal === "SIGINT" || signal === "SIGTERM") {
        process.stdout.write(`[${service.name}] stopped; stopping the rest\n`);
        return void stopAll(0);
      }
      process.stderr.write(`[${service.name}] exited unexpectedly (${signal ?? `code ${code}`}); stopping the rest\n`);
      void stopAll(1);
    });
    children.push({ service, child });
  }

  await Promise.all(children.map(({ service, child }) => waitUntilHealthy(service, child, 60_000)));

  const storefront = `http://${prepared.demoSlug ?? "{slug}"}.${env.STOREFRONT_ROOT_DOMAIN}:${env.STOREFRONT_PORT}`;
  const lines = [
    "",
    "Stall is up:",
    `  Storefront  ${storefront}${prepared.demoSlug ? "  (the demo shop)" : ""}`,
    `  Dashboard   http://localhost:${env.DASHBOARD_PORT}`,
    `  API         ${env.PUBLIC_API_URL}  (reference: ${env.PUBLIC_API_URL}/docs)`,
    `  Database    ${env.DATABASE_URL}`,
    ...(prepared.demoOwner ? [`  Demo owner  ${prepared.demoOwner.email} / ${prepared.demoOwner.password}`] : []),
    "Press Ctrl-C to stop.",
    "",
    "Stall is ready",
    "",
  ];
  process.stdout.write(lines.join("\n"));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof EnvError || !(error instanceof Error) ? String(error instanceof Error ? error.message : error) : (error.stack ?? error.message)}\n`,
  );
  process.exit(1);
});
