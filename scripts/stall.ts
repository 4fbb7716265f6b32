// `npm run stall -- <command> [arguments]`: the operator's tools (accounts, backups, …). Each command is
// a file in scripts/commands exporting a `Command` as its default.
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { EnvError } from "@stall/api/env";
import { type Command, UsageError } from "./commands/command.ts";

const folder = fileURLToPath(new URL("./commands/", import.meta.url));

async function loadCommands(): Promise<Command[]> {
  const files = readdirSync(folder).filter(
    (file) => file.endsWith(".ts") && file !== "command.ts" && !file.endsWith(".test.ts"),
  );
  const commands: Command[] = [];
  for (const file of files) {
    const module = (await import(new URL(`./commands/${file}`, import.meta.url).href)) as { default?: Command };
    if (module.default) commands.push(module.default);
  }
  return commands.sort((a, b) => a.name.localeCompare(b.name));
}

function listOf(commands: Command[]): string {
  const width = Math.max(...commands.map((command) => command.usage.length), 0);
  return [
    "Usage: npm run stall -- <command> [arguments]",
    "",
    ...commands.map((command) => `  ${command.usage.padEnd(width)}  ${command.summary}`),
    "",
  ].join("\n");
}

const [name, ...args] = process.argv.slice(2);
const commands = await loadCommands();
const command = commands.find((candidate) => candidate.name === name);
if (!name || name === "help" || name === "--help") {
  process.stdout.write(listOf(commands));
  process.exit(name ? 0 : 2);
}
if (!command) {
  process.stderr.write(`There is no command "${name}".\n\n${listOf(commands)}`);
  process.exit(2);
}
try {
  process.exitCode = await command.run(args);
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\nUsage: npm run stall -- ${command.usage}\n`);
    process.exitCode = 2;
  } else if (error instanceof EnvError) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 2;
  } else {
    throw error;
  }
}
