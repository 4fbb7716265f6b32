import { platform } from "@stall/db";
import { DomainError, type PasswordResetConfirmInput } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import { hashToken } from "../../security/tokens.ts";

/** Sets a new password from an emailed token (once), and signs out every session. */
export async function confirmPasswordReset(deps: Deps, options: { input: PasswordResetConfirmInput }) {
  const directory = platform(deps.database.db);
  const now = deps.clock.now();
  // Hash first: the slow part must not sit between using the token and setting the password.
  const passwordHash = await deps.hasher.hash(options.input.password);
  const userId = await directory.passwordResets.consumeAndSetPassword(
    hashToken(options.input.token),
    passwordHash,
    now,
  );
  if (!userId) {
    throw new DomainError("gone", "This reset link has expired or was already used; ask for a new one");
  }
}
