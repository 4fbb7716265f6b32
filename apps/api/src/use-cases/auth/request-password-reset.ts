import { platform } from "@stall/db";
import type { PasswordResetRequestInput } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import { hashToken, newToken } from "../../security/tokens.ts";

/**
 * Emails a single-use reset link if the address has an account. The answer is the same either way,
 * so the endpoint does not tell who has an account.
 */
export async function requestPasswordReset(deps: Deps, options: { input: PasswordResetRequestInput }) {
  const { db } = deps.database;
  const directory = platform(db);
  const user = await directory.users.findByEmail(options.input.email);
  if (!user) return;
  const now = deps.clock.now();
  const token = newToken();
  const resetId = deps.newId("passwordReset");
  const expiresAt = now + deps.config.passwordResetTtlMs;
  await db.batch([
    directory.passwordResets.insertStatement({
      id: resetId,
      userId: user.id,
      tokenHash: hashToken(token),
      createdAt: now,
      expiresAt,
    }),
    directory.notifications.insertStatement({
      id: deps.newId("notification"),
      template: "password_reset",
      recipient: user.email,
      locale: user.locale,
      payload: {
        name: user.name,
        resetUrl: `${deps.config.dashboardUrl}/reset-password?token=${token}`,
        expiresInMinutes: Math.round(deps.config.passwordResetTtlMs / 60_000),
      },
      dedupeKey: `password_reset:${resetId}`,
      nextAttemptAt: now,
      createdAt: now,
    }),
  ]);
}
