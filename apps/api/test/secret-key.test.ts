import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Worker } from "node:worker_threads";
import { afterAll, describe, expect, it } from "vitest";
import { resolveSecretKey, secretKeyWarning } from "../src/boot/secret-key.ts";
import { EnvError } from "../src/env.ts";

const root = mkdtempSync(join(tmpdir(), "stall-secret-key-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;
const freshDir = () => join(root, `data-${++dirs}`);

/**
 * `count` threads, each resolving the key in every one of `dataDirs` as an API process does at start-up:
 * for each folder all are released together (spinning, so they wake within microseconds of each other).
 * Returns each folder's keys. The threads share no module state: each imports the module itself.
 */
async function resolveAtOnce(dataDirs: string[], count: number): Promise<string[][]> {
  const arrivals = new Int32Array(new SharedArrayBuffer(4 * dataDirs.length));
  const source = `
    const { parentPort, workerData } = require("node:worker_threads");
    import(workerData.moduleUrl).then(({ resolveSecretKey }) => {
      const { arrivals, count, dataDirs } = workerData;
      parentPort.postMessage(dataDirs.map((dataDir, round) => {
        Atomics.add(arrivals, round, 1);
        while (Atomics.load(arrivals, round) < count) {}
        try { return resolveSecretKey(undefined, dataDir); } catch (error) { return "error: " + error; }
      }));
    });`;
  const moduleUrl = new URL("../src/boot/secret-key.ts", import.meta.url).href;
  const byThread = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<string[]>((resolve, reject) => {
          const worker = new Worker(source, { eval: true, workerData: { moduleUrl, arrivals, count, dataDirs } });
          worker.once("message", (keys) => {
            resolve(keys);
            void worker.terminate();
          });
          worker.once("error", reject);
        }),
    ),
  );
  return dataDirs.map((_, round) => byThread.map((keys) => keys[round] as string));
}

describe("the secret key", () => {
  it("is SECRET_KEY when it is set, and then no file is made", () => {
    const dataDir = freshDir();
    expect(resolveSecretKey("k".repeat(40), dataDir)).toBe("k".repeat(40));
    expect(() => statSync(dataDir)).toThrow();
  });

  it("is made on the first start, kept in DATA_DIR/secret.key for the owner alone, and read back after", () => {
    const dataDir = freshDir();
    const key = resolveSecretKey(undefined, dataDir);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(join(dataDir, "secret.key"), "utf8")).toBe(`${key}\n`);
    expect(statSync(join(dataDir, "secret.key")).mode & 0o777).toBe(0o600);
    expect(resolveSecretKey(undefined, dataDir)).toBe(key);
    expect(readdirSync(dataDir)).toEqual(["secret.key"]); // no draft left behind
  });

  it("is one key for every process that starts on a fresh DATA_DIR at the same moment", async () => {
    // API processes on one machine may share a DATA_DIR and start together (CI once saw one of two read
    // the file empty). Each must sign buyers' order links with the same key, or a link made by one fails
    // on the other.
    const dataDirs = Array.from({ length: 40 }, freshDir);
    const rounds = await resolveAtOnce(dataDirs, 4);
    for (const [round, keys] of rounds.entries()) {
      const dataDir = dataDirs[round] as string;
      expect(new Set(keys).size, keys.join("\n")).toBe(1);
      expect(keys[0]).toMatch(/^[0-9a-f]{64}$/);
      expect(readFileSync(join(dataDir, "secret.key"), "utf8")).toBe(`${keys[0]}\n`);
      expect(readdirSync(dataDir)).toEqual(["secret.key"]);
    }
  });

  it.each([
    ["empty", ""],
    ["too short", "abc123\n"],
  ])("refuses to start on a secret.key that is %s, saying what to do", (_, content) => {
    const dataDir = freshDir();
    resolveSecretKey(undefined, dataDir);
    writeFileSync(join(dataDir, "secret.key"), content);
    let thrown: unknown;
    try {
      resolveSecretKey(undefined, dataDir);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EnvError);
    expect((thrown as Error).message).toMatch(/secret\.key holds .*at least 32.*Delete the file.*or set SECRET_KEY/s);
    expect(readFileSync(join(dataDir, "secret.key"), "utf8")).toBe(content); // left for the operator to look at
  });

  it("names the file and the reason when it can neither read nor make the key", () => {
    const dataDir = freshDir();
    mkdirSync(join(dataDir, "secret.key"), { recursive: true }); // a folder where the key should be
    expect(() => resolveSecretKey(undefined, dataDir)).toThrow(
      expect.objectContaining({
        name: "EnvError",
        message: expect.stringMatching(/cannot read or make .*secret\.key \(EISDIR/),
      }),
    );
    const notAFolder = join(freshDir(), "file");
    mkdirSync(dirname(notAFolder), { recursive: true });
    writeFileSync(notAFolder, "");
    expect(() => resolveSecretKey(undefined, notAFolder)).toThrow(/cannot read or make .*file\/secret\.key \(ENOTDIR/);
  });

  it("is worth a warning at start only when the database is on a server and SECRET_KEY is not set", () => {
    expect(secretKeyWarning({ fromEnv: undefined, databaseKind: "remote" })).toMatch(
      /SECRET_KEY is not set.*set one SECRET_KEY on all of them/,
    );
    expect(secretKeyWarning({ fromEnv: "k".repeat(40), databaseKind: "remote" })).toBeUndefined();
    expect(secretKeyWarning({ fromEnv: undefined, databaseKind: "file" })).toBeUndefined();
  });
});
