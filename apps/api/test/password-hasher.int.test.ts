// Password hashing runs on its own small pool of threads: a burst of hashes cannot stall photo files.
import { DomainError } from "@stall/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScryptHasher } from "../src/adapters/password-hasher.ts";
import { createApp } from "../src/app.ts";
import { createHarness, type Harness } from "./harness.ts";

let harness: Harness;
beforeAll(async () => {
  harness = await createHarness();
});
afterAll(() => harness?.cleanup());

describe("the password hasher's pool", () => {
  it("serves a photo file while hashes at OWASP's cost are in flight, and runs at most its size at once", async () => {
    const hasher = createScryptHasher({ threads: 2 });
    try {
      const key = await harness.mediaStore.put(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), "jpg");
      const app = createApp({ ...harness.deps, hasher });
      const inFlight = 8;
      let settled = 0;
      const hashes = Array.from({ length: inFlight }, (_, index) =>
        hasher.hash(`password number ${index}`).finally(() => {
          settled += 1;
        }),
      );
      const file = await app.request(`/media/${key}`);
      const settledWhenServed = settled;
      expect(file.status).toBe(200);
      expect(new Uint8Array(await file.arrayBuffer())).toEqual(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
      // Behind libuv's shared pool the read waited for most of the hashes; now it waits for none.
      expect(settledWhenServed).toBeLessThan(inFlight / 2);

      const results = await Promise.all(hashes);
      expect(new Set(results).size).toBe(inFlight);
      const stats = hasher.stats();
      expect(stats.size).toBe(2);
      expect(stats.mostRunning).toBeGreaterThanOrEqual(1);
      expect(stats.mostRunning).toBeLessThanOrEqual(stats.size);
      expect(stats.running).toBe(0);
    } finally {
      await hasher.close();
    }
  });

  it("refuses work past its bounded queue with a 503 error instead of queueing without end", async () => {
    const hasher = createScryptHasher({ cost: { N: 2 ** 14, r: 8, p: 1 }, threads: 1, maxQueue: 2 });
    try {
      const outcomes = await Promise.allSettled(Array.from({ length: 6 }, () => hasher.hash("one of many")));
      const refused = outcomes.filter((outcome) => outcome.status === "rejected");
      const done = outcomes.filter((outcome) => outcome.status === "fulfilled");
      expect(done.length).toBeGreaterThanOrEqual(1);
      expect(done.length).toBeLessThanOrEqual(1 + 2);
      expect(refused.length).toBe(6 - done.length);
      for (const outcome of refused) {
        const error = (outcome as PromiseRejectedResult).reason;
        expect(error).toBeInstanceOf(DomainError);
        expect(error).toMatchObject({ code: "service_unavailable", status: 503 });
      }
    } finally {
      await hasher.close();
    }
  });

  it("a sign-in refused because the hasher was full does not break later sign-ins", async () => {
    let calls = 0;
    const full = new DomainError("service_unavailable", "Too many password checks are waiting right now", {
      details: { retryAfterSeconds: 2 },
    });
    const app = createApp({
      ...harness.deps,
      hasher: {
        hash: (password) => (++calls === 1 ? Promise.reject(full) : harness.deps.hasher.hash(password)),
        verify: (password, stored) => harness.deps.hasher.verify(password, stored),
      },
    });
    const signIn = () =>
      app.request("/v1/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "nobody@example.test", password: "whatever it is" }),
      });
    const refused = await signIn();
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("2");
    expect((await signIn()).status).toBe(401);
  });
});
