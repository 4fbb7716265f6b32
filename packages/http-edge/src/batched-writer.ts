// Lines to stdout or stderr, written in batches: the storefront's request log and the API's log.
//
// Writing to stdout or stderr is synchronous on Linux when it is a file or a pipe (Node's documentation,
// "A note on process I/O"): one system call per write, whatever else is waiting.

/** Lines held before they are written at once, whatever the event loop is doing. */
const MAX_HELD_LINES = 512;

/**
 * Writes lines to `out` in batches: every line asked for in one turn of the event loop goes out in one
 * write, just after that turn's responses. One write per line was the largest cost of a warm page
 * (decision 037); an API under load writes tens of lines a turn (decision 057). A line waits at most until
 * the loop's next check phase, or until MAX_HELD_LINES are held; the rest are written when the process exits.
 */
export function createBatchedWriter(out: { write(text: string): unknown } = process.stdout) {
  let held: string[] = [];
  let isScheduled = false;
  const flush = () => {
    isScheduled = false;
    if (held.length === 0) return;
    const text = held.join("");
    held = [];
    out.write(text);
  };
  process.once("exit", flush);
  return {
    write(line: string) {
      held.push(`${line}\n`);
      if (held.length >= MAX_HELD_LINES) flush();
      else if (!isScheduled) {
        isScheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}
