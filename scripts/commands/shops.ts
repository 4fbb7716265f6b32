// `npm run stall -- shops move <shop-id-or-slug> --to <pod>`: moves a shop's rows to another database
// (pod, decision 040) while its storefront keeps answering; `--recover` undoes a move that was cut short.
import { hostname, userInfo } from "node:os";
import { createDeps, createJsonLogger, openPods } from "@stall/api/boot";
import { parseEnv } from "@stall/api/env";
import { moveShop, recoverMove } from "@stall/api/pods";
import { createDb, migrate } from "@stall/db";
import { DomainError } from "@stall/domain";
import { type Command, optionValue, UsageError } from "./command.ts";

const command: Command = {
  name: "shops",
  summary: "move a shop to another database (pod) while its storefront keeps answering",
  usage: "shops move <shop-id-or-slug> --to <pod> [--by <who>] | shops move <shop> --recover",
  async run(args) {
    const [action, shop, ...rest] = args;
    if (action !== "move" || !shop || shop.startsWith("--")) throw new UsageError("Say which shop to move.");
    const isRecover = rest.includes("--recover");
    const to = optionValue(rest, "--to");
    const by = optionValue(rest, "--by") ?? `${userInfo().username}@${hostname()}`;
    if (!isRecover && !to) throw new UsageError("Say which pod to move it to (--to <pod>).");
    const env = parseEnv(process.env);
    const database = await createDb(env.DATABASE_URL, { authToken: env.DATABASE_AUTH_TOKEN });
    try {
      await migrate(database.db);
      const pods = await openPods(env, database, { migrate: true });
      const deps = { ...createDeps(env, database, createJsonLogger("warn")), pods };
      try {
        if (isRecover) {
          const recovered = await recoverMove(deps, { shop, by });
          process.stdout.write(`${recovered.slug} stays on ${recovered.pod}, writable again.\n`);
          return 0;
        }
        const report = await moveShop(deps, {
          shop,
          to: to as string,
          by,
          onStep: (step) => {
            process.stdout.write(`  ${step}\n`);
          },
        });
        process.stdout.write(
          [
            `${report.slug} moved from ${report.from} to ${report.to}: ${report.totalRows} rows.`,
            ...Object.entries(report.rows)
              .filter(([, count]) => count > 0)
              .map(([table, count]) => `  ${table.padEnd(24)} ${count}`),
            "",
          ].join("\n"),
        );
        return 0;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        process.stderr.write(`${error.message}\n`);
        return 1;
      } finally {
        for (const pod of pods.all().slice(1)) pod.database.close();
      }
    } finally {
      database.close();
    }
  },
};

export default command;
