// What the database and the media store hold, every row of every table: taken before and after a request
// the API refused, to prove the refusal wrote nothing (the test database is small).
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Client } from "@libsql/client";

/** Table name -> its rows, each as JSON; `media:files` holds the media store's files and sizes. */
export type Fingerprint = Map<string, string[]>;

function cell(value: unknown): unknown {
  if (value instanceof ArrayBuffer) return Buffer.from(value).toString("base64");
  if (typeof value === "bigint") return value.toString();
  return value;
}

function listFiles(dir: string, prefix = ""): string[] {
  let entries: string[];
  try {
    entries = readdirSync(join(dir, prefix));
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const relative = prefix ? `${prefix}/${entry}` : entry;
    const stats = statSync(join(dir, relative));
    return stats.isDirectory() ? listFiles(dir, relative) : [`${relative}:${stats.size}`];
  });
}

/** Every table's row count and a hash of its content (read in one read transaction), and the media files. */
export async function fingerprint(client: Client, mediaDir: string): Promise<Fingerprint> {
  const tables = await client.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  );
  const names = tables.rows.map((row) => String(row.name));
  const results = await client.batch(
    names.map((name) => `SELECT * FROM "${name.replaceAll('"', '""')}"`),
    "read",
  );
  const print: Fingerprint = new Map();
  names.forEach((name, index) => {
    const rows = results[index]?.rows ?? [];
    print.set(
      name,
      rows.map((row) => JSON.stringify(Array.from(row, cell))),
    );
  });
  print.set("media:files", listFiles(mediaDir).sort());
  return print;
}

/**
 * The tables (and `media:files`) whose content differs, each with its row counts and a row that went
 * and a row that came, e.g. `sessions (26 -> 26 rows; was [...]; now [...])`.
 */
export function changedTables(before: Fingerprint, after: Fingerprint, ignore: ReadonlySet<string>): string[] {
  const changed: string[] = [];
  for (const name of new Set([...before.keys(), ...after.keys()])) {
    if (ignore.has(name)) continue;
    const was = before.get(name) ?? [];
    const is = after.get(name) ?? [];
    if (was.length === is.length && was.every((row, index) => row === is[index])) continue;
    const kept = new Set(is);
    const gone = was.find((row) => !kept.has(row));
    const came = is.find((row) => !new Set(was).has(row));
    const rows = [gone ? `was ${gone.slice(0, 300)}` : "", came ? `now ${came.slice(0, 300)}` : ""].filter(Boolean);
    changed.push(`${name} (${was.length} -> ${is.length} rows${rows.length ? `; ${rows.join("; ")}` : ""})`);
  }
  return changed;
}
