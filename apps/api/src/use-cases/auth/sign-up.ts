import { platform } from "@stall/db";
import { DomainError, type SignupInput } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import { throttlePasswordWork } from "../../security/password-throttle.ts";
import { toAuthUser } from "../access.ts";
import { newSession, type SessionContext } from "./start-session.ts";

/** Creates an account and signs it in. */
export async function signUp(deps: Deps, options: { input: SignupInput; context: SessionContext }) {
  const { db } = deps.database;
  const directory = platform(db);
  const { input } = options;
  await throttlePasswordWork(deps, { ip: options.context.ip, account: `email:${input.email}` });
  if (await directory.users.findByEmail(input.email)) {
    throw new DomainError("email_taken", "That email already has an account; sign in or reset the password");
  }
  const now = deps.clock.now();
  const user = {
    id: deps.newId("user"),
    email: input.email,
    name: input.name,
    locale: input.locale ?? "en",
    ageBand: input.ageBand ?? null,
    passwordHash: await deps.hasher.hash(input.password),
    createdAt: now,
    updatedAt: now,
  };
  const session = newSession(deps, user.id, options.context);
  try {
    await db.batch([directory.users.insertStatement(user), directory.sessions.insertStatement(session.row)]);
  } catch (error) {
    // Two sign-ups with one email at once: the unique index decides.
    if (await directory.users.findByEmail(input.email)) {
      throw new DomainError("email_taken", "That email already has an account; sign in or reset the password");
    }
    throw error;
  }
  const created = await directory.users.findById(user.id);
  if (!created) throw new Error("User vanished right after sign-up");
  return { user: toAuthUser(created), token: session.token };
}
