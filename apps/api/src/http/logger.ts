/** Structured JSON logs, one line per event, to stdout (errors to stderr). */
export type LogLevel = "debug" | "info" | "warn" | "error";
export type Logger = {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
};

const ORDER: Record<LogLevel | "silent", number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export function createJsonLogger(
  minimum: LogLevel | "silent",
  write: (line: string, level: LogLevel) => void = (line, level) =>
    (level === "error" ? process.stderr : process.stdout).write(`${line}\n`),
): Logger {
  return {
    log(level, message, fields = {}) {
      if (ORDER[level] < ORDER[minimum]) return;
      write(JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...fields }), level);
    },
  };
}

export const silentLogger: Logger = { log() {} };
