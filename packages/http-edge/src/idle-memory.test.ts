import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { IDLE_MEMORY_START, type IdleMemoryPolicy, type LoopSample, nextIdleMemoryState } from "./idle-memory.ts";

const run = promisify(execFile);
const policy: IdleMemoryPolicy = { idleMs: 10_000, minBusyMs: 1000, quietShare: 0.02 };
const busy: LoopSample = { elapsedMs: 5000, activeMs: 2500 };
const quiet: LoopSample = { elapsedMs: 5000, activeMs: 10 };

/** Feeds samples one after the other; answers the sample numbers (from 1) after which memory was released. */
function releasesAfter(samples: LoopSample[], start = IDLE_MEMORY_START): number[] {
  let state = start;
  const released: number[] = [];
  samples.forEach((sample, index) => {
    const step = nextIdleMemoryState(state, sample, policy);
    state = step.state;
    if (step.release) released.push(index + 1);
  });
  return released;
}

describe("nextIdleMemoryState", () => {
  it("gives memory back once, after the process has been quiet for idleMs following work", () => {
    expect(releasesAfter([busy, busy, quiet, quiet, quiet, quiet, quiet, quiet])).toEqual([4]);
  });

  it("counts a sample busier than quietShare as work, which starts the quiet time again", () => {
    expect(releasesAfter([busy, quiet, busy, quiet, quiet])).toEqual([5]);
    const halfBusy = { elapsedMs: 5000, activeMs: 100 }; // 2 %: not quiet
    expect(releasesAfter([busy, quiet, halfBusy, quiet])).toEqual([]);
  });

  it("does not collect a process that has done too little since the last time", () => {
    // Background timers: 10 ms in 5 s. 1,000 ms of them add up after 100 samples (over 8 minutes).
    const idleForever = Array.from({ length: 150 }, () => quiet);
    expect(releasesAfter(idleForever)).toEqual([100]);
  });

  it("starts again from nothing after a release", () => {
    const step = nextIdleMemoryState({ quietMs: 5000, busyMs: 4000 }, quiet, policy);
    expect(step).toEqual({ state: { quietMs: 0, busyMs: 0 }, release: true });
  });
});

describe("releaseMemoryWhenIdle", () => {
  const module = fileURLToPath(new URL("./idle-memory.ts", import.meta.url));
  // A process that works (garbage of about 150 MB, of which a few MB stay), goes quiet, and reports
  // its RSS just before and after the release and how many releases there were.
  const script = `
    const { releaseMemoryWhenIdle } = await import(${JSON.stringify(module)});
    const rss = () => process.memoryUsage.rss();
    const lines = [];
    const idle = releaseMemoryWhenIdle({ idleMs: 300, sampleMs: 100, minBusyMs: 50, quietShare: 0.25, log: (line) => lines.push(line) });
    // The work runs in the event loop, as a server's does (before the loop starts, none is measured).
    await new Promise((resolve) => setTimeout(resolve, 10));
    const kept = [];
    for (let i = 0; i < 300_000; i++) {
      const item = { id: "item-" + i, text: "x".repeat(200 + (i % 50)), list: [i, i + 1, "t" + i] };
      if (i % 100 === 0) kept.push(item);
    }
    const before = rss();
    const deadline = Date.now() + 20_000;
    while (idle.releases === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const after = rss();
    // Quiet for a few more periods: no second release without more work.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    process.stdout.write(JSON.stringify({ before, after, releases: idle.releases, lines, kept: kept.length }));
    idle.stop();`;

  it("collects once when a process with --expose-gc goes quiet, and its RSS goes down", async () => {
    const { stdout } = await run(process.execPath, ["--expose-gc", "--input-type=module", "-e", script]);
    const report = JSON.parse(stdout);
    expect(report.releases).toBe(1);
    expect(report.after).toBeLessThan(report.before);
    expect(report.lines).toEqual([
      expect.objectContaining({ level: "info", msg: "memory given back while idle", rssMB: expect.any(Array) }),
    ]);
  });

  it("does nothing in a process without gc", async () => {
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script.replace("20_000", "1_000")]);
    const report = JSON.parse(stdout);
    expect(report.releases).toBe(0);
    expect(report.lines).toEqual([]);
  });
});
