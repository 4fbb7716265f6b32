// What the database and the media store hold, in a few bytes per table: taken before and after a request
// the API refused, to prove the refusal wrote nothing.
import { createHash } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Client } from "@libsql/client";

/** Table name -> "rows:hash"; `media:` keys hold the media store's files. */
export type Fingerprint = Map<string, string>;

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
    const hash = createHash("sha1");
    for (const row of rows) hash.update(JSON.stringify(Array.from(row, cell)));
    print.set(name, `${rows.length}:${hash.digest("hex").slice(0, 12)}`);
  });
  const files = listFiles(mediaDir).sort();
  print.set("media:files", `${files.length}:${createHash("sha1").update(files.join("\n")).digest("hex").slice(0, 12)}`);
  return print;
}

/** The tables (and `media:files`) whose fingerprint differs, e.g. `orders (3 -> 4 rows)`. */
export function changedTables(before: Fingerprint, after: Fingerprint, ignore: ReadonlySet<string>): string[] {
  const changed: string[] = [];
  for (const name of new Set([...before.keys(), ...after.keys()])) {
    if (ignore.has(name)) continue;
    const was = before.get(name);
    const is = after.get(name);
    if (was !== is) changed.push(`${name} (${was?.split(":")[0] ?? "none"} -> ${is?.split(":")[0] ?? "none"} rows)`);
  }
  return changed;
}
