// The demo shop seeded once for a whole test run, then copied into each test's data directory.
//
// Seeding draws and processes 35 photos (about 20 s of CPU on the 2-core development machine); the
// storefront's tests start seven APIs with the demo shop, each on a fresh database. The first one
// seeds a template folder in the system's temporary directory exactly as `npm start`'s first run
// does (`prepareDatabase`); every later one copies that folder: the database file and the photos,
// which the disk media store keeps under `DATA_DIR/media` by content, so their keys hold anywhere.
//
// The template's name carries a digest of everything that decides what the seed writes: the sources
// of the seed, the API, the database layer and the domain, and the lockfile (sharp's version). A
// change to any of them makes a new template, so a test never runs on a stale seed.
import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseEnv } from "@stall/api/env";
import { prepareDatabase } from "./prepare-database.ts";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const INPUTS = [
  "packages/demo-seed/src",
  "packages/db/src",
  "packages/db/migrations",
  "packages/domain/src",
  "apps/api/src",
  "package-lock.json",
];
/** scrypt's N (as a power of two) for the APIs tests start, and for the demo owner they copy. */
export const TEST_LOG2_N = "12";
const PREFIX = "stall-demo-seed-";
/** Templates of other source trees unused for this long are removed when a new one is made. */
const STALE_AFTER_MS = 24 * 60 * 60 * 1000;

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => (entry.name === "node_modules" ? [] : filesUnder(join(path, entry.name))));
}

/** A digest of the seed's inputs: file names and contents, and the Node version. */
export function seedInputsDigest(): string {
  const hash = createHash("sha256").update(process.version);
  for (const input of INPUTS) {
    for (const file of filesUnder(join(root, input))) hash.update(file.slice(root.length)).update(readFileSync(file));
  }
  return hash.digest("hex").slice(0, 16);
}

function removeStaleTemplates(keep: string): void {
  const now = Date.now();
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(PREFIX) || name === keep) continue;
    const path = join(tmpdir(), name);
    try {
      if (now - statSync(path).mtimeMs > STALE_AFTER_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // Another run removed it first.
    }
  }
}

/** The seeded template's folder, made on first use. Two runs that make it at once both seed; one wins. */
async function seededTemplate(): Promise<string> {
  const name = `${PREFIX}${seedInputsDigest()}`;
  const template = join(tmpdir(), name);
  if (existsSync(template)) {
    // Marked as used, so another checkout's run does not take it for stale.
    const now = new Date();
    utimesSync(template, now, now);
    return template;
  }
  const building = mkdtempSync(join(tmpdir(), `${name}.building-`));
  try {
    await prepareDatabase(
      parseEnv({
        NODE_ENV: "test",
        DATA_DIR: building,
        DATABASE_URL: `file:${join(building, "stall.db")}`,
        SEED_DEMO: "true",
        TEST_PASSWORD_HASH_LOG2_N: TEST_LOG2_N,
      }),
      () => {},
    );
    // The folder appears whole or not at all: renaming onto a folder that now exists fails.
    renameSync(building, template);
    removeStaleTemplates(name);
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    if (!existsSync(template)) throw error;
  }
  return template;
}

/** Fills `dataDir` (empty) with a copy of the seeded demo shop: its database file and its photos. */
export async function copySeededDemo(dataDir: string): Promise<void> {
  cpSync(await seededTemplate(), dataDir, { recursive: true });
}
