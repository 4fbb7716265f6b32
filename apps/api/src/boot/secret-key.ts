import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { dirname, join } from "node:path";
import { EnvError } from "../env.ts";

/** As SECRET_KEY's own check in env.ts: a shorter key is one an attacker could guess. */
const MIN_LENGTH = 32;

/**
 * SECRET_KEY from the environment, or (embedded default) one kept in DATA_DIR/secret.key, made on the
 * first start. Processes that share DATA_DIR share the file, even when they start at the same moment;
 * processes on different machines need the same SECRET_KEY set explicitly.
 */
export function resolveSecretKey(fromEnv: string | undefined, dataDir: string): string {
  if (fromEnv) return fromEnv;
  const path = join(dataDir, "secret.key");
  try {
    return readKey(path);
  } catch (error) {
    if (!isCode(error, "ENOENT")) throw unreadable(path, error);
  }
  try {
    mkdirSync(dataDir, { recursive: true });
    return createKey(path);
  } catch (error) {
    throw unreadable(path, error);
  }
}

/**
 * Why this process's key may not be the one the others sign with, or undefined. With the database on a
 * server (sqld, Turso), other API processes may be on other machines, each with its own DATA_DIR and so
 * its own secret.key: a buyer's link made by one would be refused by the next.
 */
export function secretKeyWarning(options: { fromEnv: string | undefined; databaseKind: "file" | "remote" }) {
  if (options.fromEnv || options.databaseKind === "file") return undefined;
  return (
    "SECRET_KEY is not set, so this API process signs buyers' links with the key in DATA_DIR/secret.key. " +
    "Every API process on this database must sign with the same key: set one SECRET_KEY on all of them " +
    "(README, Running past one machine)."
  );
}

/**
 * Writes a new key whole to a file of its own, then links it in as secret.key: a link never replaces a
 * file, and the name appears with the whole key behind it. (Creating secret.key itself and then writing
 * let a second process starting at the same moment read it empty, and sign with an empty key.)
 */
function createKey(path: string): string {
  const key = randomBytes(32).toString("hex");
  const draft = `${path}.${process.pid}.${randomBytes(6).toString("hex")}.new`;
  const fd = openSync(draft, "wx", 0o600);
  try {
    writeSync(fd, `${key}\n`);
    fsyncSync(fd); // on disk before it has its name: a power cut cannot leave secret.key empty
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(draft, path);
    syncFolder(dirname(path)); // and the name itself, so a power cut cannot lose the key once it is used
    return key;
  } catch (error) {
    if (!isCode(error, "EEXIST")) throw error;
    return readKey(path); // another process made it first: everyone signs with its key
  } finally {
    rmSync(draft, { force: true });
  }
}

function syncFolder(folder: string): void {
  const fd = openSync(folder, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function readKey(path: string): string {
  const key = readFileSync(path, "utf8").trim();
  if (key.length < MIN_LENGTH) {
    throw new EnvError([
      `SECRET_KEY: ${path} holds ${key.length === 0 ? "nothing" : `only ${key.length} characters`}, and a key needs at least ${MIN_LENGTH} characters. ` +
        "Delete the file to have a new key made (links already sent in emails stop working), or set SECRET_KEY.",
    ]);
  }
  return key;
}

function unreadable(path: string, error: unknown): Error {
  if (error instanceof EnvError) return error;
  return new EnvError([
    `SECRET_KEY: cannot read or make ${path} (${error instanceof Error ? error.message : String(error)})`,
  ]);
}

function isCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
