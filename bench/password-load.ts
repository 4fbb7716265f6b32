// Photo files while password hashing is under load: the hashing pool must not stall file reads.
// The password traffic is sign-in with unknown emails from a new address each time (what a botnet
// does to get past the per-address throttle): every request costs one scrypt at OWASP's cost.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLocalMediaStore } from "@stall/api/adapters";
import { createDb, migrate } from "@stall/db";
import { freePort } from "@stall/db/testing";
import autocannon from "autocannon";
import { API_ENTRY, startProcess, stopProcess } from "./lib/processes.ts";
import { table } from "./lib/stats.ts";

const DURATION_S = Number(process.env.BENCH_DURATION_MS ?? 5000) / 1000;
const PHOTO_CONNECTIONS = 10;
const PASSWORD_CONNECTIONS = 16;

export async function benchPasswordLoad() {
  const dir = mkdtempSync(join(tmpdir(), "stall-bench-password-"));
  const port = await freePort();
  const url = `file:${join(dir, "stall.db")}`;
  const database = await createDb(url);
  await migrate(database.db);
  database.close();
  const photo = await createLocalMediaStore(join(dir, "media")).put(new Uint8Array(30_000).fill(7), "webp");
  const api = await startProcess(
    API_ENTRY,
    { API_PORT: String(port), API_HOST: "127.0.0.1", DATA_DIR: dir, DATABASE_URL: url, TRUST_PROXY: "1" },
    `http://127.0.0.1:${port}/healthz`,
  );
  const photos = () =>
    autocannon({
      url: `http://127.0.0.1:${port}/media/${photo}`,
      connections: PHOTO_CONNECTIONS,
      duration: DURATION_S,
    });
  let attempt = 0;
  const passwords = () =>
    autocannon({
      url: `http://127.0.0.1:${port}`,
      connections: PASSWORD_CONNECTIONS,
      duration: DURATION_S,
      requests: [
        {
          method: "POST",
          path: "/v1/auth/login",
          setupRequest: (request) => {
            attempt += 1;
            return {
              ...request,
              headers: {
                "content-type": "application/json",
                "x-forwarded-for": `10.${(attempt >> 16) & 255}.${(attempt >> 8) & 255}.${attempt & 255}`,
              },
              body: JSON.stringify({ email: `nobody${attempt}@example.test`, password: "guess guess guess" }),
            };
          },
        },
      ],
    });
  const row = (label: string, result: autocannon.Result) => ({
    traffic: label,
    "req/s": Math.round(result.requests.average),
    "p50 ms": result.latency.p50,
    "p99 ms": result.latency.p99,
    "max ms": result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
  });
  try {
    const alone = await photos();
    const [underLoad, signIns] = await Promise.all([photos(), passwords()]);
    return [
      row(`GET /media/… alone (${PHOTO_CONNECTIONS} connections)`, alone),
      row(`GET /media/… during ${PASSWORD_CONNECTIONS} connections of sign-ins`, underLoad),
      row(`POST /v1/auth/login, unknown emails, new address each (${PASSWORD_CONNECTIONS} connections)`, signIns),
    ];
  } finally {
    await stopProcess(api);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const rows = await benchPasswordLoad();
  process.stdout.write(`Photo files during password hashing, ${DURATION_S} s each\n${table(rows)}\n`);
}
