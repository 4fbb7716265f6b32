import { platform } from "@stall/db";
import { DomainError, type PasswordResetRequestInput } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import { hashToken, newToken } from "../../security/tokens.ts";

function tooManyRequests(message: string, retryAfterMs: number): DomainError {
  const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return new DomainError(
    "too_many_requests",
    `${message} Please wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`,
    { details: { retryAfterSeconds } },
  );
}

/**
 * Emails a single-use reset link if the address has an account. The answer is the same either way,
 * so the endpoint does not tell who has an account.
 *
 * Each request may put an email in someone's inbox, so it is limited per address and per email, in
 * the database (every process agrees). The email is counted whether or not it has an account, and
 * before looking it up, so a refusal says nothing about who has one. A refused request sends nothing.
 */
export async function requestPasswordReset(
  deps: Deps,
  options: { input: PasswordResetRequestInput; context: { ip: string } },
) {
  const { db } = deps.database;
  const directory = platform(db);
  const now = deps.clock.now();
  const policy = deps.config.resetRequestThrottle;
  const byIp = await directory.throttles.hit(`reset:ip:${options.context.ip}`, now, policy.ip);
  if (!byIp.isAllowed) {
    deps.metrics?.refused("reset_per_ip");
    throw tooManyRequests("Too many reset emails asked for from your address.", byIp.retryAfterMs);
  }
  const email = options.input.email;
  const byEmail = await directory.throttles.hit(`reset:email:${email}`, now, policy.email);
  if (!byEmail.isAllowed) {
    deps.metrics?.refused("reset_per_email");
    throw tooManyRequests(
      "A reset link was asked for this email several times already: check the inbox and the spam folder.",
      byEmail.retryAfterMs,
    );
  }
  const user = await directory.users.findByEmail(email);
  if (!user) return;
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
