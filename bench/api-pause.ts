// A busy shop's pages while the API stops answering for a while (decision 053): the stack as `npm start`
// runs it, the demo shop's product page loaded by wrk in its own process, and the API process paused
// (SIGSTOP) for BENCH_API_PAUSE_S seconds (default 2.5) once the load has run 2 s, then resumed
// (SIGCONT). The storefront checks each shop's snapshot with the API once a second; the figures say
// whether buyers wait for that check while the API is away. The same load with no pause is the baseline.
//
// `npx node bench/api-pause.ts` prints the table.
import { count } from "./lib/goals.ts";
import { get } from "./lib/http-get.ts";
import { childrenOf, commandOf } from "./lib/processes.ts";
import { startStack } from "./lib/stack.ts";
import { round, table } from "./lib/stats.ts";
import { hasWrk, runWrk, type WrkResult } from "./lib/wrk.ts";

const SECONDS = 8;
const PAUSE_AFTER_MS = 2000;
const PAUSE_S = Number(process.env.BENCH_API_PAUSE_S ?? 2.5);
const CONNECTIONS = 50;

/** The API process among the stack supervisor's children. */
function apiPid(supervisor: number): number {
  const pid = childrenOf(supervisor).find((child) => commandOf(child).includes("apps/api/dist/server.mjs"));
  if (pid === undefined) throw new Error(`no API process under the supervisor (pid ${supervisor})`);
  return pid;
}

export async function benchApiPause(): Promise<Record<string, string | number>[]> {
  if (!hasWrk()) throw new Error("wrk is missing: apt-get install -y wrk");
  const stack = await startStack();
  try {
    const storefront = new URL(stack.storefront);
    const headers = { Host: storefront.host, "Accept-Encoding": "gzip, deflate, br" };
    const origin = `http://127.0.0.1:${storefront.port}`;
    const port = Number(storefront.port);
    const home = await get(port, "/", { Host: storefront.host });
    const path = /href="(\/products\/[^"?#]+)"/.exec(home.body.toString())?.[1];
    if (!path) throw new Error("no product link on the demo shop's home page");
    for (let i = 0; i < 5; i++) await get(port, path, headers);
    const pid = apiPid(stack.pid);
    const load = () =>
      runWrk({ url: `${origin}${path}`, connections: CONNECTIONS, threads: 2, durationS: SECONDS, headers });
    const row = (what: string, r: WrkResult) => ({
      what,
      "req/s": count(r.perSecond),
      "p50 ms": round(r.p50, 2),
      "p99 ms": round(r.p99, 1),
      "slowest ms": round(r.max, 1),
      "non-2xx": r.non2xx,
      "timeouts (2 s) and socket errors": r.socketErrors,
    });
    const rows = [row("no pause", await load())];
    const paused = load();
    // Should wrk fail while the API is stopped, its rejection waits for the `await` below, after SIGCONT.
    paused.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, PAUSE_AFTER_MS));
    process.kill(pid, "SIGSTOP");
    try {
      await new Promise((resolve) => setTimeout(resolve, PAUSE_S * 1000));
    } finally {
      process.kill(pid, "SIGCONT");
    }
    rows.push(row(`API paused ${PAUSE_S} s from 2 s in`, await paused));
    return rows;
  } finally {
    await stack.stop();
  }
}

if (import.meta.main) {
  const rows = await benchApiPause();
  process.stdout.write(
    `Demo product page, wrk -t2 -c${CONNECTIONS} -d${SECONDS}s, while the API is paused\n${table(rows)}\n`,
  );
}
