// One JSON line per request on stdout, like the API's: its id, the shop it was for, route, status and
// duration. The id is the proxy's X-Request-Id when it sent a usable one, so the proxy's log and ours
// can be matched; otherwise a new one.

import { randomBytes } from "node:crypto";
import { createBatchedWriter } from "@stall/http-edge";

export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };
const USABLE_ID = /^[\w.:-]{1,200}$/;

/** This process's own ids: a random prefix (72 bits, so no two processes share one) and a counter. */
const ID_PREFIX = randomBytes(9).toString("base64url");
let lastId = 0;

/**
 * The request's id: the proxy's, when it is short plain text, or a new one of this process's. Not a UUID:
 * making one (random bytes, then formatting) was a visible part of a warm page's profile (decision 056).
 */
export function requestIdOf(header: string | null | undefined): string {
  if (header && USABLE_ID.test(header)) return header;
  lastId += 1;
  return `${ID_PREFIX}-${lastId.toString(36)}`;
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

/** The members of a request's line that are the same for every request answered alike (one page, one status). */
export type LinePart = {
  level: "info" | "error";
  /** `"shopId":…,"method":…,"path":…,"route":…,"status":…` as JSON members, quoted as JSON.stringify does. */
  members: string;
};

/** A line's fixed members, made once per kind of answer by the fast path (decision 056), or per request. */
export function linePart(line: Omit<RequestLine, "requestId" | "durationMs">): LinePart {
  const quote = JSON.stringify;
  const shop = line.shopId ? `"shopId":${quote(line.shopId)},` : "";
  return {
    level: line.status >= 500 ? "error" : "info",
    members: `${shop}"method":${quote(line.method)},"path":${quote(line.path)},"route":${quote(line.route)},"status":${line.status}`,
  };
}

/**
 * A writer of request lines that writes nothing below `minimum` (LOG_LEVEL=warn turns them off). `line`
 * takes a whole request; `prepared` takes the members a warm page made once (`linePart`) and adds the
 * time, the request's id and its duration.
 */
export function createRequestLog(
  minimum: LogLevel,
  write: (line: string) => void = (() => {
    const writer = createBatchedWriter();
    return (line: string) => writer.write(line);
  })(),
) {
  const isOn = ORDER.info >= ORDER[minimum];
  // The line is put together by hand, in the order JSON.stringify gives it, and the time stamp made once
  // per millisecond: a warm page is a few microseconds of work, and these were a good part of it.
  let lastMs = 0;
  let lastTime = "";
  /** `requestId` is requestIdOf's: word characters, dots, colons and dashes only, which JSON needs not escape. */
  const prepared = (part: LinePart, requestId: string, durationMs: number) => {
    if (!isOn) return;
    const now = Date.now();
    if (now !== lastMs) {
      lastMs = now;
      lastTime = new Date(now).toISOString();
    }
    write(
      `{"time":"${lastTime}","level":"${part.level}","msg":"request","requestId":"${requestId}",${part.members},"durationMs":${Math.round(durationMs * 100) / 100}}`,
    );
  };
  return {
    /** False when LOG_LEVEL is warn or above: nothing is written, so nothing need be made for a line. */
    isOn,
    prepared,
    line(line: RequestLine) {
      if (!isOn) return;
      // Escaped as JSON would, should an id come from elsewhere than requestIdOf.
      const id = USABLE_ID.test(line.requestId) ? line.requestId : JSON.stringify(line.requestId).slice(1, -1);
      prepared(linePart(line), id, line.durationMs);
    },
  };
}

export type RequestLog = ReturnType<typeof createRequestLog>;
