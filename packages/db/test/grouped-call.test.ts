import { describe, expect, it } from "vitest";
import { createGroupedCall } from "../src/grouped-call.ts";

describe("createGroupedCall", () => {
  it("runs a lone call at once, and gathers the calls made meanwhile into the next run", async () => {
    const runs: number[][] = [];
    let release: () => void = () => {};
    const call = createGroupedCall(async (inputs: number[]) => {
      runs.push(inputs);
      if (runs.length === 1) await new Promise<void>((resolve) => (release = resolve));
      return inputs.map((input) => input * 10);
    });
    const first = call(1);
    const rest = [call(2), call(3), call(4)];
    release();
    expect(await first).toBe(10);
    expect(await Promise.all(rest)).toEqual([20, 30, 40]);
    expect(runs).toEqual([[1], [2, 3, 4]]);
  });

  it("gives every caller of a failed run its error, and keeps working after", async () => {
    let fail = true;
    const call = createGroupedCall(async (inputs: string[]) => {
      if (fail) throw new Error("database busy");
      return inputs.map((input) => input.toUpperCase());
    });
    const failed = await Promise.allSettled([call("a"), call("b")]);
    expect(failed.map((result) => result.status)).toEqual(["rejected", "rejected"]);
    fail = false;
    expect(await call("c")).toBe("C");
  });

  it("with gatherOneTurn, gathers the calls of this turn into one run, at most maxGroup at a time", async () => {
    const runs: number[][] = [];
    const call = createGroupedCall(
      async (inputs: number[]) => {
        runs.push(inputs);
        return inputs.map((input) => input + 1);
      },
      { gatherOneTurn: true, maxGroup: 3 },
    );
    const answers = await Promise.all([1, 2, 3, 4, 5].map((input) => call(input)));
    expect(answers).toEqual([2, 3, 4, 5, 6]);
    expect(runs).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    // Alone in a later turn, a call still runs (and gets its own answer).
    expect(await call(9)).toBe(10);
    expect(runs.at(-1)).toEqual([9]);
  });
});
