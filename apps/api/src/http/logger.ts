/** Structured JSON logs, one line per event, to stdout (errors to stderr). */
import { errorChain, isDatabaseBusy } from "@stall/db";
import { createBatchedWriter } from "@stall/http-edge";
export type LogLevel = "debug" | "info" | "warn" | "error";
export type Logger = {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
};

const ORDER: Record<LogLevel | "silent", number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/**
 * The process's two streams, each written once per turn of the event loop with every line of that turn, as
 * the storefront's request log is (decision 057): under load a turn holds tens of request lines, each of
 * which was a system call of its own. Made on first use, once per process, and written out at exit.
 */
let streams: { out: (line: string) => void; err: (line: string) => void } | undefined;
function standardStreams() {
  if (!streams) {
    const out = createBatchedWriter(process.stdout);
    const err = createBatchedWriter(process.stderr);
    streams = { out: out.write, err: err.write };
  }
  return streams;
}

export function createJsonLogger(
  minimum: LogLevel | "silent",
  write: (line: string, level: LogLevel) => void = (line, level) =>
    (level === "error" ? standardStreams().err : standardStreams().out)(line),
): Logger {
  return {
    log(level, message, fields = {}) {
      if (ORDER[level] < ORDER[minimum]) return;
      write(JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...fields }), level);
    },
  };
}

export const silentLogger: Logger = { log() {} };

/**
 * Logs a background worker's failed round (claiming work, recording an outcome). A busy database is
 * expected under a write rush and the next round tries again: a warning, with the whole cause chain
 * (a query error's own message names only the query). Anything else is an error.
 */
export function logWorkerFailure(
  logger: Logger,
  message: string,
  error: unknown,
  fields: Record<string, unknown> = {},
) {
  logger.log(isDatabaseBusy(error) ? "warn" : "error", message, { ...fields, error: errorChain(error) });
}
