import { platform } from "@stall/db";
import { type AuditEvent, type ChangePasswordInput, DomainError } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import { throttlePasswordWork } from "../../security/password-throttle.ts";
import { auditStatement } from "../audit/record-audit.ts";

/** Changes the password after checking the current one; every other session is signed out. */
export async function changePassword(
  deps: Deps,
  options: { userId: string; sessionId: string; input: ChangePasswordInput; context: { ip: string } },
) {
  const { db } = deps.database;
  const directory = platform(db);
  // Two hashes per attempt (check the current password, hash the new one); a stolen session must
  // not be able to guess the current password at full speed either.
  await throttlePasswordWork(deps, { ip: options.context.ip, account: `user:${options.userId}` });
  const user = await directory.users.findById(options.userId);
  if (!user || !(await deps.hasher.verify(options.input.currentPassword, user.passwordHash))) {
    throw new DomainError("invalid_credentials", "The current password is not right");
  }
  const now = deps.clock.now();
  const passwordHash = await deps.hasher.hash(options.input.newPassword);
  await db.batch([
    directory.users.setPasswordStatement(user.id, passwordHash, now),
    directory.sessions.revokeAllStatement(user.id, now, options.sessionId),
    // A reset link mailed before the change must not undo it.
    directory.passwordResets.useUpAllStatement(user.id, now),
    auditStatement(deps, {
      actor: { userId: user.id, role: "user", ip: options.context.ip },
      shopId: null,
      action: "auth.password_changed" satisfies AuditEvent,
      targetType: "user",
      targetId: user.id,
    }),
  ]);
}
