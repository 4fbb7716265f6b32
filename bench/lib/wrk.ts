// One wrk run in its own process (Debian's wrk, `apt-get install -y wrk`). wrk is written in C, so it
// outruns what it measures where autocannon does not: on gzipped answers autocannon took a whole core
// at 2,500 req/s while the API it loaded sat at 40 % (decision 044).
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const WRK = "/usr/bin/wrk";

export type WrkSpec = {
  url: string;
  connections: number;
  threads: number;
  durationS: number;
  headers?: Record<string, string>;
};

export type WrkResult = {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** The slowest answer, ms. */
  max: number;
  bytesPerResponse: number;
  /** Answers outside 2xx and 3xx. */
  non2xx: number;
  /** Connect, read, write and timeout errors. */
  socketErrors: number;
};

export const hasWrk = () => spawnSync(WRK, ["-v"]).error === undefined;

/** wrk prints one JSON line from this script when it is done (Debian's wrk has LuaJIT). */
const REPORT = `done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests":%d,"durationUs":%d,"bytes":%d,"p50":%d,"p99":%d,"max":%d,"status":%d,"socket":%d}\\n',
    summary.requests, summary.duration, summary.bytes, latency:percentile(50), latency:percentile(99), latency.max,
    e.status, e.connect + e.read + e.write + e.timeout))
end
`;

export async function runWrk(spec: WrkSpec): Promise<WrkResult> {
  const dir = mkdtempSync(join(tmpdir(), "stall-wrk-"));
  try {
    const script = join(dir, "report.lua");
    writeFileSync(script, REPORT);
    const args = [`-t${spec.threads}`, `-c${spec.connections}`, `-d${spec.durationS}s`, "-s", script];
    for (const [name, value] of Object.entries(spec.headers ?? {})) args.push("-H", `${name}: ${value}`);
    args.push(spec.url);
    const output = await run(WRK, args);
    const line = output.split("\n").find((text) => text.startsWith("{"));
    if (!line) throw new Error(`wrk printed no summary:\n${output}`);
    const r = JSON.parse(line) as Record<string, number>;
    const requests = r.requests ?? 0;
    return {
      requests,
      perSecond: requests / ((r.durationUs ?? 1) / 1e6),
      p50: (r.p50 ?? 0) / 1000,
      p99: (r.p99 ?? 0) / 1000,
      max: (r.max ?? 0) / 1000,
      bytesPerResponse: requests ? (r.bytes ?? 0) / requests : 0,
      non2xx: r.status ?? 0,
      socketErrors: r.socket ?? 0,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function run(command: string, args: string[], cwd?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve(output) : reject(new Error(`${command} exited with ${code}`))));
  });
}
