/**
 * One `npm run stall -- <name> …` command. Each lives in its own file in this folder and is its default
 * export; `scripts/stall.ts` finds them by reading the folder, so adding one needs no other edit.
 */
export type Command = {
  name: string;
  /** One line for the list `npm run stall` prints. */
  summary: string;
  /** How to call it, e.g. `backup <file>`. */
  usage: string;
  /** Runs the command; answers the process exit code. Output goes to stdout, problems to stderr. */
  run(args: string[]): Promise<number>;
};

/** A command-line mistake: printed with the usage, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}
