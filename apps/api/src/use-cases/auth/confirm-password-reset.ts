import { platform } from "@stall/db";
import { type AuditEvent, DomainError, type PasswordResetConfirmInput } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import { throttlePasswordWork } from "../../security/password-throttle.ts";
import { hashToken } from "../../security/tokens.ts";
import { toAuthUser } from "../access.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { newSession, type SessionContext } from "./start-session.ts";

const gone = () => new DomainError("gone", "This reset link has expired or was already used; ask for a new one");

/**
 * Sets a new password from an emailed token (once), signs out every session, and starts one new
 * session: the link proved the person owns the email, so they should not have to type it again.
 */
export async function confirmPasswordReset(
  deps: Deps,
  options: { input: PasswordResetConfirmInput; context: SessionContext },
) {
  const directory = platform(deps.database.db);
  const tokenHash = hashToken(options.input.token);
  // Throttled by address before anything else, then a cheap look-up: a made-up token never costs a hash.
  await throttlePasswordWork(deps, { ip: options.context.ip });
  const reset = await directory.passwordResets.findUsable(tokenHash, deps.clock.now());
  if (!reset) throw gone();
  await throttlePasswordWork(deps, { account: `user:${reset.userId}` });
  // Hash first: the slow part must not sit between using the token and setting the password.
  const passwordHash = await deps.hasher.hash(options.input.password);
  const userId = await directory.passwordResets.consumeAndSetPassword(tokenHash, passwordHash, deps.clock.now());
  if (!userId) throw gone();
  const user = await directory.users.findById(userId);
  if (!user) throw gone();
  // A forgotten password often follows wrong guesses; the reset clears the account's sign-in lock.
  await directory.throttles.reset(`email:${user.email}`);
  const session = newSession(deps, user.id, options.context);
  await directory.sessions.create(session.row);
  await recordAudit(deps, {
    actor: { userId: user.id, role: "user", ip: options.context.ip },
    shopId: null,
    action: "auth.password_reset" satisfies AuditEvent,
    targetType: "user",
    targetId: user.id,
  });
  return { user: toAuthUser(user), token: session.token };
}
