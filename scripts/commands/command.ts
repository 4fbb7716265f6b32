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

/** The value after `--name` in a command's arguments, undefined when absent; a missing value is a mistake. */
export function optionValue(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  if (index === -1) return undefined;
  const value = args[index + 1];
  if (!value || value.startsWith("--")) throw new UsageError(`${name} needs a value.`);
  return value;
}
