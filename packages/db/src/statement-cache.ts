// Prepared statements kept per connection on the embedded database (decision 046).
//
// @libsql/client prepares every statement it runs from scratch (`db.prepare(sql)` in its executeStmt),
// then asks the new statement whether it returns rows by calling `raw(true)`, which throws for a
// statement that does not: an order's write batch spent about a third of its time preparing and a
// tenth throwing. Drizzle sends the same few hundred SQL texts over and over, so each connection keeps
// the statements it prepared (most recently used, up to STATEMENTS_PER_CONNECTION) and each kept
// statement remembers whether it is a reader and, when its text names them, its columns.
//
// The client opens its connections itself, so the only way in is libSQL's own `Database` class:
// `keepPreparedStatements()` wraps its `prepare` and `close` once per process. It is safe because the
// client's use of a statement is synchronous and complete (every row read, or `run`), so a kept
// statement is never in use when it is handed out again; SQLite prepares a statement again by itself
// when the schema changes under it; a statement whose run fails (a constraint, SQLITE_BUSY mid-step) is
// let go at once, so one left un-reset is collected as it was before (decision 041's retired
// connections); and a connection's statements go with it when it closes.
// (SQLite prepares it again in place, so a kept `SELECT *` names a column another process added from
// its next run: the same as a fresh statement, since a connection learns of a new schema when it runs.)
import Database from "libsql";
import { LRUCache } from "lru-cache";

/** Statements kept per open connection; a few hundred distinct SQL texts cover everything the API runs. */
export const STATEMENTS_PER_CONNECTION = 256;

type Connection = Database.Database;
type Statement = Database.Statement;

type StatementCacheFigures = {
  /** Statements handed out from a connection's cache. */
  hits: number;
  /** Statements prepared (not found, or pushed out earlier). */
  misses: number;
  /** Statements held now, over every open connection. */
  kept: number;
};

const figures: StatementCacheFigures = { hits: 0, misses: 0, kept: 0 };
const kept = new WeakMap<Connection, LRUCache<string, Statement>>();
let installed = false;

/** The statements `connection` keeps, least recently used going first (each one leaving is counted). */
function keptBy(connection: Connection): LRUCache<string, Statement> {
  let statements = kept.get(connection);
  if (!statements) {
    statements = new LRUCache<string, Statement>({
      max: STATEMENTS_PER_CONNECTION,
      dispose: () => {
        figures.kept -= 1;
      },
    });
    kept.set(connection, statements);
  }
  return statements;
}

/** Makes libSQL's embedded connections keep their prepared statements. Idempotent; for the whole process. */
export function keepPreparedStatements(): void {
  if (installed) return;
  installed = true;
  const prepare = Database.prototype.prepare;
  const close = Database.prototype.close;

  function keptPrepare(this: Connection, sql: string): Statement {
    const statements = keptBy(this);
    const found = statements.get(sql);
    if (found) {
      figures.hits += 1;
      return found;
    }
    const statement = forgetOnError(rememberShape(prepare.call(this, sql), sql), () => {
      if (statements.peek(sql) === statement) statements.delete(sql);
    });
    figures.misses += 1;
    figures.kept += 1;
    statements.set(sql, statement);
    return statement;
  }
  // The declared type is generic over bind parameters; the client binds arrays and objects alike.
  Database.prototype.prepare = keptPrepare as Connection["prepare"];

  Database.prototype.close = function keptClose(this: Connection) {
    const statements = kept.get(this);
    if (statements) {
      kept.delete(this);
      statements.clear();
    }
    return close.call(this);
  };
}

/** A statement whose run throws leaves the cache (it may be left mid-step); the error goes on. */
function forgetOnError(statement: Statement, forget: () => void): Statement {
  const guarded =
    <Parameters extends unknown[], Result>(call: (...parameters: Parameters) => Result) =>
    (...parameters: Parameters): Result => {
      try {
        return call(...parameters);
      } catch (error) {
        forget();
        throw error;
      }
    };
  statement.run = guarded(statement.run.bind(statement));
  statement.all = guarded(statement.all.bind(statement));
  return statement;
}

/**
 * What the client asks a statement before each run, answered from memory after the first time:
 * - `raw()` on a statement that returns no rows throws (that is how the client tells writes from reads):
 *   the refusal is kept and thrown again rather than made anew by the native side;
 * - `columns()` (asked twice a run: a 40-column row cost 80 objects each time), when the text names every
 *   column. A `*` (other than `count(*)`) takes its columns from the schema, which another process may
 *   change: those statements are asked every time, as before.
 */
function rememberShape(statement: Statement, sql: string): Statement {
  if (statement.reader) {
    if (namesItsColumns(sql)) {
      const columns = statement.columns();
      statement.columns = () => columns;
    }
    return statement;
  }
  let refusal: unknown;
  const raw = statement.raw.bind(statement);
  statement.raw = (toggle?: boolean) => {
    if (refusal === undefined) {
      try {
        return raw(toggle);
      } catch (error) {
        refusal = error;
      }
    }
    throw refusal;
  };
  return statement;
}

/** No `*` in the text but `(*)`: the result's columns are the ones the text names. */
function namesItsColumns(sql: string): boolean {
  return !sql.replaceAll("(*)", "").includes("*");
}

/** How the statement caches are doing (process-wide), for /metrics and the tests. */
export function statementCacheFigures(): Readonly<StatementCacheFigures> {
  return { ...figures };
}
