// Group commit for small writes: calls made while one is running wait, and go together as the next one.
// Under load many calls share one statement (on sqld, one turn of the single write lock instead of one
// each); alone, a call runs at once. Each caller gets its own answer, or the error of the run it was in.

type Waiting<In, Out> = { input: In; resolve: (output: Out) => void; reject: (error: unknown) => void };

/** `run` gets every input gathered and answers one output for each, in the same order. */
export function createGroupedCall<In, Out>(run: (inputs: In[]) => Promise<Out[]>): (input: In) => Promise<Out> {
  let waiting: Waiting<In, Out>[] = [];
  let isRunning = false;

  async function drain() {
    isRunning = true;
    while (waiting.length > 0) {
      const group = waiting;
      waiting = [];
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
      if (!isRunning) void drain();
    });
}
