// Password hashing with scrypt at OWASP's recommended cost (N=2^17, r=8, p=1), on a small pool of
// worker threads of its own. Node's async `scrypt` runs on libuv's 4-thread pool, which file reads
// (photos) and DNS also use: a burst of password requests used to stall photo serving for seconds.
import { randomBytes, timingSafeEqual } from "node:crypto";
import { availableParallelism } from "node:os";
import { DomainError } from "@stall/domain";
import Tinypool from "tinypool";
import type { DeriveTask } from "./password-hasher.worker.ts";

export type PasswordHasher = {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
};

export type HasherStats = {
  /** Worker threads the pool may use. */
  size: number;
  /** Hashes running right now, and the most that ever ran at once. */
  running: number;
  mostRunning: number;
  /** Hashes waiting for a thread. */
  queued: number;
};

export type PooledPasswordHasher = PasswordHasher & { stats(): HasherStats; close(): Promise<void> };

type Cost = { N: number; r: number; p: number };
export const OWASP_SCRYPT: Cost = { N: 2 ** 17, r: 8, p: 1 };
const KEY_LENGTH = 32;

export type HasherOptions = {
  cost?: Cost;
  /** Worker threads; defaults to the machine's cores. Each hash at OWASP's cost takes 128 MiB. */
  threads?: number;
  /** Hashes that may wait for a thread; past that a request is refused (503) rather than queued. */
  maxQueue?: number;
};

/** The threads' module: beside the sources, or beside the bundle `dist/server.mjs` (apps/api/build.ts). */
const WORKER_FILE = import.meta.url.endsWith(".ts") ? "./password-hasher.worker.ts" : "./password-hasher.worker.mjs";

export function createScryptHasher(options: HasherOptions = {}): PooledPasswordHasher {
  const cost = options.cost ?? OWASP_SCRYPT;
  const size = Math.max(1, options.threads ?? availableParallelism());
  const maxQueue = Math.max(1, options.maxQueue ?? size * 8);
  // Threads start on the first hash and stop when idle, so a process that never hashes pays nothing.
  const pool = new Tinypool({
    filename: new URL(WORKER_FILE, import.meta.url).href,
    minThreads: 0,
    maxThreads: size,
    maxQueue,
    idleTimeout: 30_000,
    concurrentTasksPerWorker: 1,
  });
  const gauge = new Int32Array(new SharedArrayBuffer(8));

  async function derive(password: string, salt: Buffer, taskCost: Cost): Promise<Buffer> {
    const task: DeriveTask = { password: password.normalize("NFKC"), salt, keyLength: KEY_LENGTH, ...taskCost, gauge };
    try {
      const key: Uint8Array = await pool.run(task);
      return Buffer.from(key.buffer, key.byteOffset, key.byteLength);
    } catch (error) {
      if (error instanceof Error && /queue is at limit/i.test(error.message)) {
        throw new DomainError(
          "service_unavailable",
          "Too many password checks are waiting right now; please try again in a moment.",
          { details: { retryAfterSeconds: 2 }, cause: error },
        );
      }
      throw error;
    }
  }

  return {
    async hash(password) {
      const salt = randomBytes(16);
      const key = await derive(password, salt, cost);
      return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString("base64url")}$${key.toString("base64url")}`;
    },
    async verify(password, stored) {
      const [scheme, n, r, p, salt, key] = stored.split("$");
      if (scheme !== "scrypt" || !n || !r || !p || !salt || !key) return false;
      const expected = Buffer.from(key, "base64url");
      const actual = await derive(password, Buffer.from(salt, "base64url"), {
        N: Number(n),
        r: Number(r),
        p: Number(p),
      });
      return actual.length === expected.length && timingSafeEqual(actual, expected);
    },
    stats: () => ({
      size,
      running: Atomics.load(gauge, 0),
      mostRunning: Atomics.load(gauge, 1),
      queued: pool.queueSize,
    }),
    close: () => pool.destroy(),
  };
}
