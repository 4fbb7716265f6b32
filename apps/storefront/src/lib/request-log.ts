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

/** A writer of request lines that writes nothing below `minimum` (LOG_LEVEL=warn turns them off). */
export function createRequestLog(
  minimum: LogLevel,
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
) {
  const isOn = ORDER.info >= ORDER[minimum];
  return (line: RequestLine) => {
    if (!isOn) return;
    const { shopId, ...rest } = line;
    write(
      JSON.stringify({
        time: new Date().toISOString(),
        level: line.status >= 500 ? "error" : "info",
        msg: "request",
        requestId: rest.requestId,
        ...(shopId ? { shopId } : {}),
        method: rest.method,
        path: rest.path,
        route: rest.route,
        status: rest.status,
        durationMs: Math.round(rest.durationMs * 100) / 100,
      }),
    );
  };
}

export type RequestLog = ReturnType<typeof createRequestLog>;
