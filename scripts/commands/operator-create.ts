// `npm run stall -- operator:create <email>`: the first operator (and any later one). Prints a one-time
// link that sets the account's password and signs it in; nothing is emailed, so it works before mail is set up.
import { createDeps, createJsonLogger } from "@stall/api/boot";
import { parseEnv } from "@stall/api/env";
import { createOperator } from "@stall/api/operators";
import { createDb, migrate } from "@stall/db";
import { Email } from "@stall/domain";
import { type Command, UsageError } from "./command.ts";

const command: Command = {
  name: "operator:create",
  summary: "make an account an operator (creating it if needed) and print a one-time sign-in link",
  usage: "operator:create <email>",
  async run(args) {
    const [email, ...rest] = args;
    if (!email || rest.length > 0) throw new UsageError("Give exactly one email address.");
    if (!Email.safeParse(email).success) throw new UsageError(`"${email}" does not look like an email address.`);
    const env = parseEnv(process.env);
    const database = await createDb(env.DATABASE_URL, { authToken: env.DATABASE_AUTH_TOKEN });
    try {
      // The first operator may come before the first start: bring the database up to date (idempotent).
      await migrate(database.db);
      const deps = createDeps(env, database, createJsonLogger("warn"));
      const made = await createOperator(deps, { email });
      const minutes = Math.round((made.expiresAt - Date.now()) / 60_000);
      process.stdout.write(
        [
          `${made.email} is an operator${made.isNewAccount ? " (new account)" : ""}.`,
          `Open this link within ${minutes} minutes to choose a password and sign in (it works once):`,
          made.link,
          "",
        ].join("\n"),
      );
      return 0;
    } finally {
      database.close();
    }
  },
};

export default command;
