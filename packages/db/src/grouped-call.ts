// Group commit for writes: calls made while one is running wait, and go together as the next one.
// Under load many calls share one write (on sqld, one turn of the single write lock instead of one each;
// on a file, one commit and its fsync instead of one each); alone, a call runs at once, or after the
// current turn of the event loop when `gatherOneTurn` is set (for a database that answers
// synchronously, where "while one is running" never lasts long enough to gather anything). Each caller
// gets its own answer, or the error of the run it was in.

type Waiting<In, Out> = { input: In; resolve: (output: Out) => void; reject: (error: unknown) => void };

export type GroupedCallOptions = {
  /** Wait for the rest of this turn of the event loop before a lone call runs (default false). */
  gatherOneTurn?: boolean;
  /** At most this many calls in one run (default: no limit); the rest go in the next. */
  maxGroup?: number;
};

/** `run` gets every input gathered and answers one output for each, in the same order. */
export function createGroupedCall<In, Out>(
  run: (inputs: In[]) => Promise<Out[]>,
  options: GroupedCallOptions = {},
): (input: In) => Promise<Out> {
  const maxGroup = Math.max(1, options.maxGroup ?? Number.POSITIVE_INFINITY);
  let waiting: Waiting<In, Out>[] = [];
  let isRunning = false;

  async function drain() {
    while (waiting.length > 0) {
      const group = waiting.length > maxGroup ? waiting.slice(0, maxGroup) : waiting;
      waiting = waiting.length > maxGroup ? waiting.slice(maxGroup) : [];
      try {
        const outputs = await run(group.map((call) => call.input));
        group.forEach((call, index) => {
          call.resolve(outputs[index] as Out);
        });
      } catch (error) {
        for (const call of group) call.reject(error);
      }
    }
    isRunning = false;
  }

  return (input) =>
    new Promise<Out>((resolve, reject) => {
      waiting.push({ input, resolve, reject });
      if (isRunning) return;
      isRunning = true;
      if (options.gatherOneTurn) setImmediate(() => void drain());
      else void drain();
    });
}
