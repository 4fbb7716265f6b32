import { platform } from "@stall/db";
import { DomainError, type PasswordResetConfirmInput } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import { throttlePasswordWork } from "../../security/password-throttle.ts";
import { hashToken } from "../../security/tokens.ts";

const gone = () => new DomainError("gone", "This reset link has expired or was already used; ask for a new one");

/** Sets a new password from an emailed token (once), and signs out every session. */
export async function confirmPasswordReset(
  deps: Deps,
  options: { input: PasswordResetConfirmInput; context: { ip: string } },
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
}
