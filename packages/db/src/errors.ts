/** The messages of an error and its causes: drizzle wraps the driver's error. */
export function errorChain(error: unknown): string {
  const messages: string[] = [];
  for (let current = error; current instanceof Error; current = current.cause) messages.push(current.message);
  return messages.join(" <- ");
}

/** True when a write failed on a UNIQUE index (someone else wrote the same key first). */
export function isUniqueViolation(error: unknown): boolean {
  return /UNIQUE constraint failed/i.test(errorChain(error));
}

/** True when a write failed on a foreign key (a row still points at what was being deleted). */
export function isForeignKeyViolation(error: unknown): boolean {
  return /FOREIGN KEY constraint failed/i.test(errorChain(error));
}

/**
 * True when the database refused because another writer held the lock past the busy timeout
 * (SQLITE_BUSY, or SQLITE_LOCKED inside one connection), wherever it sits in the cause chain:
 * drizzle wraps the libSQL client's error, which carries the SQLite code.
 */
export function isDatabaseBusy(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^SQLITE_(BUSY|LOCKED)/.test(code)) return true;
    if (/\bSQLITE_(BUSY|LOCKED)\b|database is locked|database table is locked/i.test(current.message)) return true;
  }
  return false;
}

/** True when a write was refused by a pod fence: the shop is moving between databases (decision 040). */
export function isShopMoving(error: unknown): boolean {
  return /stall_shop_moving/.test(errorChain(error));
}

const CONNECTION_FAILURES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/**
 * True when a remote database (sqld, Turso over http) could not be reached: the libSQL client's
 * `fetch failed` with a refused, reset or timed-out connection under it (sqld restarting, a network
 * blip). The request did not reach the database, or its answer was lost; a moment later it may work.
 */
export function isDatabaseUnreachable(error: unknown): boolean {
  let isFetch = false;
  for (let current = error; current instanceof Error; current = current.cause) {
    if (current.message === "fetch failed") isFetch = true;
    const code = (current as { code?: unknown }).code;
    if (isFetch && typeof code === "string" && CONNECTION_FAILURES.has(code)) return true;
  }
  return false;
}
