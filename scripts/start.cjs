// `npm start` and `npm run start:cluster`: the supervisor. It asks a plan script (its own process:
// configuration, migrations, the demo shop on first run) what to start, starts it, prints the URLs once
// everything answers, and stops it all cleanly on Ctrl-C or SIGTERM, the last started first.
//   node scripts/start.cjs                                 the embedded default (scripts/start-plan.ts)
//   node scripts/start.cjs scripts/start-cluster-plan.ts   sqld, then the apps twice behind nginx
// A plan may name a next plan to ask for once its own services answer (the cluster migrates its sqld
// only once sqld is up), and may ask for crashed services to be started again (decision 041).
//
// Plain JavaScript with nothing but Node's own modules on purpose: it lives as long as Stall runs, and
// TypeScript stripping, zod and fetch would more than double its memory for nothing (decision 034).
// CommonJS, not an ES module: Node's ES module loader alone costs this process about 10 MB (decision 036).
const { spawn } = require("node:child_process");
const { get } = require("node:http");
const { join } = require("node:path");

const root = join(__dirname, "..");

/**
 * Runs a plan script in a child process and returns what it sent.
 * @param {string[]} argv the script (relative to the repository) and its arguments
 * @returns {Promise<import("./lib/plan.ts").StartPlan>}
 */
function planInChild(argv) {
  return new Promise((resolve, reject) => {
    const [script, ...args] = argv;
    const child = spawn(process.execPath, [join(root, script), ...args], {
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
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${service.name} exited with ${child.signalCode ?? `code ${child.exitCode}`} while starting`);
    }
    if (await answers(service.healthUrl)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${service.name} did not answer ${service.healthUrl} within ${timeoutMs / 1000} s`);
}

/** @type {{ service: any, child: import("node:child_process").ChildProcess, stage: number, isHealthy: boolean }[]} */
const running = [];
let stopping = false;
let shutdownTimeoutMs = 10_000;

/** @param {{ service: any, child: import("node:child_process").ChildProcess }} entry */
function stopOne({ service, child }) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    // Each app drains for up to SHUTDOWN_TIMEOUT_MS itself; kill only one that overstays that.
    const timer = setTimeout(() => child.kill("SIGKILL"), shutdownTimeoutMs + 5_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(service.stopSignal ?? "SIGTERM");
  });
}

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  if (running.length === 0) process.exit(code);
  process.stdout.write("\nStopping Stall…\n");
  // The last stage first: the cluster's apps finish their requests before its database stops.
  const stages = [...new Set(running.map((entry) => entry.stage))].sort((a, b) => b - a);
  for (const stage of stages) await Promise.all(running.filter((entry) => entry.stage === stage).map(stopOne));
  process.stdout.write("Stall stopped.\n");
  process.exit(code);
}

async function main() {
  process.on("SIGINT", () => void stopAll(0));
  process.on("SIGTERM", () => void stopAll(0));

  /** Starts a service (again), replacing its entry in `running`; resolves once it answers. */
  const launch = (service, stage, plan) => {
    const child = spawn(service.command, service.args, {
      cwd: root,
      env: { ...process.env, ...service.env },
      stdio: ["ignore", "pipe", "pipe"],
      // Out of the terminal's process group: Ctrl-C reaches the supervisor, which stops it after the apps.
      detached: Boolean(service.isOwnProcessGroup),
    });
    prefixLines(service.name, child.stdout, process.stdout);
    prefixLines(service.name, child.stderr, process.stderr);
    process.stdout.write(`[${service.name}] started (pid ${child.pid})\n`);
    const entry = { service, child, stage, isHealthy: false };
    const index = running.findIndex((other) => other.service.name === service.name);
    if (index === -1) running.push(entry);
    else running[index] = entry;
    child.on("exit", (code, signal) => {
      if (stopping) return;
      // Each app exits 0 only once it has drained after SIGINT or SIGTERM. Ctrl-C reaches every process in
      // the group at once and an idle app may finish before this process has handled its own signal; or
      // someone stopped one app on purpose. Either way it is a stop, not a crash: stop the rest too.
      if (code === 0 || signal === "SIGINT" || signal === "SIGTERM") {
        process.stdout.write(`[${service.name}] stopped; stopping the rest\n`);
        return void stopAll(0);
      }
      const how = signal ?? `code ${code}`;
      // Only a service that had answered is started again: one that cannot start would only loop.
      if (plan.restartOnCrash && entry.isHealthy) {
        process.stderr.write(`[${service.name}] exited unexpectedly (${how}); starting it again\n`);
        const again = () => launch(service, stage, plan).catch(fail(service));
        return void setTimeout(again, 200);
      }
      process.stderr.write(`[${service.name}] exited unexpectedly (${how}); stopping the rest\n`);
      void stopAll(1);
    });
    return waitUntilHealthy(service, child, 60_000).then(() => {
      entry.isHealthy = true;
    });
  };
  const fail = (service) => (error) => {
    if (stopping) return;
    process.stderr.write(`[${service.name}] ${error.message}; stopping the rest\n`);
    void stopAll(1);
  };

  let argv = [process.argv[2] ?? "scripts/start-plan.ts"];
  let plan;
  for (let stage = 0; argv; stage++) {
    plan = await planInChild(argv);
    if (stopping) return;
    shutdownTimeoutMs = plan.shutdownTimeoutMs;
    await Promise.all(plan.services.map((service) => launch(service, stage, plan)));
    argv = plan.next;
  }
  process.stdout.write(plan.readyLines.join("\n"));
}

main().catch((error) => {
  if (error instanceof Error && error.message) process.stderr.write(`${error.message}\n`);
  // Whatever was started must not outlive us.
  void stopAll(1);
});
