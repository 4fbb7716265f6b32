// `npm start`: the supervisor. It asks scripts/start-plan.ts (its own process: configuration, migrations,
// the demo shop on first run) what to start, starts API, storefront and dashboard, prints their URLs once
// they answer, and stops them all cleanly on Ctrl-C.
//
// Plain JavaScript with nothing but Node's own modules on purpose: it lives as long as Stall runs, and
// TypeScript stripping, zod and fetch would more than double its memory for nothing (decision 034).
// CommonJS, not an ES module: Node's ES module loader alone costs this process about 10 MB (decision 036).
const { spawn } = require("node:child_process");
const { get } = require("node:http");
const { join } = require("node:path");

const root = join(__dirname, "..");

/**
 * Runs the plan in a child process and returns what it sent.
 * @returns {Promise<import("./start-plan.ts").StartPlan>}
 */
function planInChild() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, "scripts", "start-plan.ts")], {
      cwd: root,
      env: process.env,
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let plan;
    child.once("message", (message) => {
      plan = message;
    });
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      if (code === 0 && plan) resolve(plan);
      // The child has already said why on stderr.
      else reject(new Error(signal ? `Stall could not start (setup stopped by ${signal}).` : ""));
    });
  });
}

/**
 * @param {string} name
 * @param {import("node:stream").Readable} stream
 * @param {NodeJS.WritableStream} out
 */
function prefixLines(name, stream, out) {
  let buffered = "";
  stream.on("data", (chunk) => {
    buffered += chunk.toString();
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) out.write(`[${name}] ${line}\n`);
  });
}

/** @param {string} url @returns {Promise<boolean>} whether it answered 200 */
function answers(url) {
  return new Promise((resolve) => {
    const request = get(url, { timeout: 2_000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on("timeout", () => request.destroy());
    request.on("error", () => resolve(false));
  });
}

async function waitUntilHealthy(service, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${service.name} exited with code ${child.exitCode} while starting`);
    if (await answers(service.healthUrl)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${service.name} did not answer ${service.healthUrl} within ${timeoutMs / 1000} s`);
}

async function main() {
  const plan = await planInChild();
  const children = [];
  let stopping = false;

  const stopAll = async (code) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write("\nStopping Stall…\n");
    await Promise.all(
      children.map(
        ({ child }) =>
          new Promise((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            // Each app drains for up to SHUTDOWN_TIMEOUT_MS itself; kill only one that overstays that.
            const timer = setTimeout(() => child.kill("SIGKILL"), plan.shutdownTimeoutMs + 5_000);
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

  for (const service of plan.services) {
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
  process.stdout.write(plan.readyLines.join("\n"));
}

main().catch((error) => {
  if (error instanceof Error && error.message) process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
