import type { Deps } from "../../deps.ts";
import { hashToken, newToken } from "../../security/tokens.ts";

export type SessionContext = { ip: string; userAgent: string | undefined };

/** The row for a new session and the token only the client will ever see. */
export function newSession(deps: Deps, userId: string, context: SessionContext) {
  const now = deps.clock.now();
  const token = newToken();
  return {
    token,
    row: {
      id: deps.newId("session"),
      userId,
      tokenHash: hashToken(token),
      userAgent: context.userAgent?.slice(0, 300) ?? null,
      ip: context.ip,
      createdAt: now,
      confirmedAt: now,
      lastUsedAt: now,
      expiresAt: now + deps.config.sessionTtlMs,
    },
  };
}
