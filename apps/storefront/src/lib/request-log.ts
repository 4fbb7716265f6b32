// One JSON line per request on stdout, like the API's: its id, the shop it was for, route, status and
// duration. The id is the proxy's X-Request-Id when it sent a usable one, so the proxy's log and ours
// can be matched; otherwise a new one.

export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };
const USABLE_ID = /^[\w.:-]{1,200}$/;

/** The request's id: the proxy's, when it is short plain text, or a new random one. */
export function requestIdOf(header: string | null | undefined): string {
  return header && USABLE_ID.test(header) ? header : crypto.randomUUID();
}

export type RequestLine = {
  requestId: string;
  shopId: string | undefined;
  method: string;
  path: string;
  route: string;
  status: number;
  durationMs: number;
};

/** Lines held before they are written at once, whatever the event loop is doing. */
const MAX_HELD_LINES = 512;

/**
 * Writes lines to `out` in batches: every line asked for in one turn of the event loop goes out in one
 * write, just after that turn's responses. stdout to a file or a pipe is written synchronously on Linux,
 * one system call per write; one per request was the largest cost of a warm page (decision 037). A line
 * waits at most until the loop's next check phase, or until MAX_HELD_LINES are held; the rest are written
 * when the process exits.
 */
export function createBatchedWriter(out: { write(text: string): unknown } = process.stdout) {
  let held: string[] = [];
  let isScheduled = false;
  const flush = () => {
    isScheduled = false;
    if (held.length === 0) return;
    const text = held.join("");
    held = [];
    out.write(text);
  };
  process.once("exit", flush);
  return {
    write(line: string) {
      held.push(`${line}\n`);
      if (held.length >= MAX_HELD_LINES) flush();
      else if (!isScheduled) {
        isScheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}

/** A writer of request lines that writes nothing below `minimum` (LOG_LEVEL=warn turns them off). */
export function createRequestLog(
  minimum: LogLevel,
  write: (line: string) => void = (() => {
    const writer = createBatchedWriter();
    return (line: string) => writer.write(line);
  })(),
) {
  const isOn = ORDER.info >= ORDER[minimum];
  // The line is put together by hand, in the order JSON.stringify gave it, and the time stamp made once
  // per millisecond: a warm page is a few microseconds of work, and these were a good part of it.
  let lastMs = 0;
  let lastTime = "";
  const quote = JSON.stringify;
  return (line: RequestLine) => {
    if (!isOn) return;
    const now = Date.now();
    if (now !== lastMs) {
      lastMs = now;
      lastTime = new Date(now).toISOString();
    }
    const level = line.status >= 500 ? "error" : "info";
    const shop = line.shopId ? `"shopId":${quote(line.shopId)},` : "";
    write(
      `{"time":"${lastTime}","level":"${level}","msg":"request","requestId":${quote(line.requestId)},${shop}"method":${quote(line.method)},"path":${quote(line.path)},"route":${quote(line.route)},"status":${line.status},"durationMs":${Math.round(line.durationMs * 100) / 100}}`,
    );
  };
}

export type RequestLog = ReturnType<typeof createRequestLog>;
