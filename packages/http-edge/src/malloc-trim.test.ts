import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);

describe("trimMalloc", () => {
  it("hands back the free pages a burst of buffers left inside glibc's heap", async () => {
    const module = fileURLToPath(new URL("./malloc-trim.ts", import.meta.url));
    // 180 MB of 60 KB buffers (under glibc's mmap threshold, so inside its heap), with a long-lived 5 KB
    // one after each: once the 60 KB ones are collected, the heap is mostly free pages that glibc keeps,
    // because the long-lived buffers sit between them and above them. All are held until the end, so the
    // heap grows by the whole burst whatever the collector did meanwhile; V8 gives buffers' memory back
    // from a thread of its own, so the collection is made twice, a turn of the event loop apart.
    const script = `
      const { trimMalloc } = await import(${JSON.stringify(module)});
      const rss = () => process.memoryUsage.rss();
      const kept = [];
      let burst = [];
      for (let i = 0; i < 3000; i++) {
        burst.push(Buffer.alloc(60_000));
        kept.push(Buffer.alloc(5000));
      }
      burst = [];
      gc();
      await new Promise((resolve) => setTimeout(resolve, 50));
      gc();
      const before = rss();
      const trimmed = await trimMalloc();
      process.stdout.write(JSON.stringify({ before, after: rss(), trimmed, kept: kept.length }));`;
    const { stdout } = await run(process.execPath, ["--expose-gc", "--input-type=module", "-e", script]);
    const report = JSON.parse(stdout);
    expect(report.trimmed).toBe(true);
    expect(report.before - report.after).toBeGreaterThan(50 * 2 ** 20);
  });
});
