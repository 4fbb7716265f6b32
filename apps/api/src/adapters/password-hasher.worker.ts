// Runs in a password-hasher worker thread: one scrypt at a time, synchronously, on this thread.
// Not the async `scrypt`: that would hand the work to libuv's shared pool, which file reads need.
import { scryptSync } from "node:crypto";

export type DeriveTask = {
  password: string;
  salt: Uint8Array;
  keyLength: number;
  N: number;
  r: number;
  p: number;
  /** Shared with the main thread: [running now, most ever running at once]. */
  gauge: Int32Array;
};

export default function derive(task: DeriveTask): Uint8Array {
  const running = Atomics.add(task.gauge, 0, 1) + 1;
  let most = Atomics.load(task.gauge, 1);
  while (running > most) {
    const seen = Atomics.compareExchange(task.gauge, 1, most, running);
    if (seen === most) break;
    most = seen;
  }
  try {
    const { N, r, p } = task;
    return scryptSync(task.password, task.salt, task.keyLength, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 });
  } finally {
    Atomics.sub(task.gauge, 0, 1);
  }
}
