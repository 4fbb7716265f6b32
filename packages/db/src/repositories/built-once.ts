import type { Db } from "../client.ts";

/**
 * A query whose SQL is built once per database handle (decision 046): drizzle makes a statement's text
 * anew on every call, which cost an order about as much as the database's own work. Use it for the hot
 * paths, with `sql.placeholder(...)` for the values and `.prepare()` at the end; the handle's statement
 * is kept by libSQL as well (statement-cache.ts), so nothing of the query is made twice.
 */
export function builtOnce<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db, T>();
  return (db) => {
    let query = built.get(db);
    if (query === undefined) {
      query = build(db);
      built.set(db, query);
    }
    return query;
  };
}
