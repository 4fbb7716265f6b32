import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { createBatchedWriter } from "./batched-writer.ts";

const run = promisify(execFile);
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe("the batched writer", () => {
  it("writes every line of one turn in one write, after the turn", async () => {
    const writes: string[] = [];
    const writer = createBatchedWriter({ write: (text: string) => writes.push(text) });
    writer.write("a");
    writer.write("b");
    expect(writes).toEqual([]);
    await nextTurn();
    expect(writes).toEqual(["a\nb\n"]);
    writer.write("c");
    await nextTurn();
    expect(writes).toEqual(["a\nb\n", "c\n"]);
  });

  it("writes at once when many lines are held, and on flush (the process's exit)", () => {
    const writes: string[] = [];
    const writer = createBatchedWriter({ write: (text: string) => writes.push(text) });
    for (let i = 0; i < 512; i++) writer.write(String(i));
    expect(writes).toHaveLength(1);
    expect(writes[0]?.split("\n")).toHaveLength(513);
    writer.write("last");
    writer.flush();
    expect(writes[1]).toBe("last\n");
  });

  it("writes what it holds when the process exits, even at once after the line", async () => {
    const module = fileURLToPath(new URL("./batched-writer.ts", import.meta.url));
    const program = `const { createBatchedWriter } = await import(${JSON.stringify(module)});
      const writer = createBatchedWriter(process.stdout);
      writer.write("one");
      writer.write("two");
      process.exit(0);`;
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", program]);
    expect(stdout).toBe("one\ntwo\n");
  });
});
