import { platform } from "@stall/db";
import { Email } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import { hashToken, newToken } from "../../security/tokens.ts";

/** Stored instead of a password hash for an account made here: no password can ever match it. */
const UNUSABLE_PASSWORD = "unusable$set-by-the-link";

/**
 * Makes the account with this email an operator (creating it, with no usable password, when there is
 * none) and answers a one-time link to the dashboard's "choose a new password" page. The link is a
 * password-reset token: stored hashed, single use, expiring with the reset links (one hour), and
 * following it signs the person in with a fresh password. Written to the audit log (no shop).
 */
export async function createOperator(deps: Deps, options: { email: string }) {
  const email = Email.parse(options.email);
  const { db } = deps.database;
  const directory = platform(db);
  const now = deps.clock.now();
  let user = await directory.users.findByEmail(email);
  const isNew = !user;
  if (!user) {
    user = await directory.users.create({
      id: deps.newId("user"),
      email,
      name: email.split("@")[0] ?? email,
      locale: "en",
      passwordHash: UNUSABLE_PASSWORD,
      createdAt: now,
      updatedAt: now,
    });
  }
  const token = newToken();
  const expiresAt = now + deps.config.passwordResetTtlMs;
  await db.batch([
    directory.users.setRoleStatement(user.id, "operator", now),
    directory.passwordResets.insertStatement({
      id: deps.newId("passwordReset"),
      userId: user.id,
      tokenHash: hashToken(token),
      createdAt: now,
      expiresAt,
    }),
    directory.audit.insertStatement({
      id: deps.newId("audit"),
      shopId: null,
      actorUserId: null,
      actorRole: "command",
      action: "operator.create",
      targetType: "user",
      targetId: user.id,
      data: { email, isNewAccount: isNew },
      createdAt: now,
    }),
  ]);
  return {
    userId: user.id,
    email,
    isNewAccount: isNew,
    link: `${deps.config.dashboardUrl}/reset-password?token=${token}`,
    expiresAt,
  };
}
