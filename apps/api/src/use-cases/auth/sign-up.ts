import { platform } from "@stall/db";
import { type AuditEvent, DomainError, type SignupInput } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import { throttlePasswordWork } from "../../security/password-throttle.ts";
import { toAuthUser } from "../access.ts";
import { auditStatement } from "../audit/record-audit.ts";
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
    await db.batch([
      directory.users.insertStatement(user),
      directory.sessions.insertStatement(session.row),
      auditStatement(deps, {
        actor: { userId: user.id, role: "user", ip: options.context.ip },
        shopId: null,
        action: "auth.signed_up" satisfies AuditEvent,
        targetType: "user",
        targetId: user.id,
      }),
    ]);
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
