import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * SECRET_KEY from the environment, or (embedded default) one kept in DATA_DIR/secret.key, made on the
 * first start. Several API processes need the same SECRET_KEY set explicitly.
 */
export function resolveSecretKey(fromEnv: string | undefined, dataDir: string): string {
  if (fromEnv) return fromEnv;
  const path = join(dataDir, "secret.key");
  try {
    return readFileSync(path, "utf8").trim();
  } catch {
    mkdirSync(dataDir, { recursive: true });
    const key = randomBytes(32).toString("hex");
    try {
      writeFileSync(path, `${key}\n`, { mode: 0o600, flag: "wx" });
      return key;
    } catch {
      return readFileSync(path, "utf8").trim(); // another process made it first
    }
  }
}
