// One write for several batches (group commit, decision 046), and how its outcome crosses from the
// writer's thread (decision 047) back to the callers: as plain values, since a result's rows and an
// error's class do not survive the copy between threads.
import type { Client, InStatement, ResultSet, Row } from "@libsql/client";

/** One batch's answer: its statements' results, or why its write was refused. */
export type Outcome = { results: ResultSet[] } | { error: unknown };

/** What `writeTogether` did: each batch's outcome, and whether the shared write was refused first. */
export type WrittenTogether = { outcomes: Outcome[]; refusedTogether: boolean };

const outcomeOf = (write: Promise<ResultSet[]>): Promise<Outcome> =>
  write.then(
    (results) => ({ results }),
    (error: unknown) => ({ error }),
  );

/**
 * One write for all the batches. A batch is all or nothing, so if the shared write is refused (an order
 * short of stock, a code used up, a key replayed) nothing of it was written, and each batch is written
 * again on its own: each gets its own answer, exactly as if it had been alone.
 */
export async function writeTogether(client: Client, batches: InStatement[][]): Promise<WrittenTogether> {
  const [only] = batches;
  if (batches.length === 1 && only)
    return { outcomes: [await outcomeOf(client.batch(only, "write"))], refusedTogether: false };
  try {
    const results = await client.batch(batches.flat(), "write");
    let at = 0;
    const outcomes = batches.map((batch) => {
      const own = results.slice(at, at + batch.length);
      at += batch.length;
      return { results: own };
    });
    return { outcomes, refusedTogether: false };
  } catch {
    const outcomes = await Promise.all(batches.map((batch) => outcomeOf(client.batch(batch, "write"))));
    return { outcomes, refusedTogether: true };
  }
}

/** A result as plain values: its columns and each row's values in their order. */
type WireResult = { columns: string[]; rows: unknown[][]; rowsAffected: number; lastInsertRowid: string | null };
/** An error as plain values, with the causes drizzle and the client wrap around SQLite's. */
type WireError = { name: string; message: string; code?: unknown; extendedCode?: unknown; cause?: WireError };
export type WireOutcome = { results: WireResult[] } | { error: WireError };

export function errorToWire(error: unknown): WireError {
  if (!(error instanceof Error)) return { name: "Error", message: String(error) };
  const { code, extendedCode } = error as { code?: unknown; extendedCode?: unknown };
  return {
    name: error.name,
    message: error.message,
    ...(code === undefined ? {} : { code }),
    ...(extendedCode === undefined ? {} : { extendedCode }),
    ...(error.cause === undefined ? {} : { cause: errorToWire(error.cause) }),
  };
}

export function errorFromWire(wire: WireError): Error {
  const error = new Error(wire.message, wire.cause ? { cause: errorFromWire(wire.cause) } : undefined);
  error.name = wire.name;
  if (wire.code !== undefined) Object.assign(error, { code: wire.code });
  if (wire.extendedCode !== undefined) Object.assign(error, { extendedCode: wire.extendedCode });
  return error;
}

export function outcomeToWire(outcome: Outcome): WireOutcome {
  if ("error" in outcome) return { error: errorToWire(outcome.error) };
  return {
    results: outcome.results.map((result) => ({
      columns: [...result.columns],
      rows: result.rows.map((row) => result.columns.map((_, index) => row[index])),
      rowsAffected: result.rowsAffected,
      lastInsertRowid: result.lastInsertRowid === undefined ? null : String(result.lastInsertRowid),
    })),
  };
}

/** A row as the client gives one: each value by position (hidden) and by column name. */
function rowFrom(columns: string[], values: unknown[]): Row {
  const row = {};
  Object.defineProperty(row, "length", { value: values.length });
  for (const [index, value] of values.entries()) {
    Object.defineProperty(row, index, { value });
    const column = columns[index];
    if (column !== undefined && !Object.hasOwn(row, column)) {
      Object.defineProperty(row, column, { value, enumerable: true, configurable: true, writable: true });
    }
  }
  return row as Row;
}

export function outcomeFromWire(wire: WireOutcome): Outcome {
  if ("error" in wire) return { error: errorFromWire(wire.error) };
  return {
    results: wire.results.map((result) => {
      const rows = result.rows.map((values) => rowFrom(result.columns, values));
      return {
        columns: result.columns,
        columnTypes: result.columns.map(() => ""),
        rows,
        rowsAffected: result.rowsAffected,
        lastInsertRowid: result.lastInsertRowid === null ? undefined : BigInt(result.lastInsertRowid),
        toJSON: () => ({ columns: result.columns, rows: result.rows, rowsAffected: result.rowsAffected }),
      };
    }),
  };
}
