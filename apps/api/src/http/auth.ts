import { platform } from "@stall/db";
import { DomainError } from "@stall/domain";
import { createMiddleware } from "hono/factory";
import type { Deps } from "../deps.ts";
import { hashToken } from "../security/tokens.ts";
import { toAuthUser } from "../use-cases/access.ts";
import type { AppEnv } from "./app-env.ts";

/** A session is extended when used if less than this much of it is left. */
const RENEW_WHEN_LEFT_MS = 15 * 24 * 60 * 60 * 1000;

/** The bearer token of a request, or undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})\s*$/i.exec(header ?? "");
  return match?.[1];
}

/** Requires `Authorization: Bearer <token>` of a live session; sets `user` and `sessionId`. */
export function requireUser(deps: Deps) {
  const sessions = platform(deps.database.db).sessions;
  return createMiddleware<AppEnv>(async (c, next) => {
    const token = bearerToken(c.req.header("Authorization"));
    if (!token) throw new DomainError("unauthenticated", "Sign in first: send Authorization: Bearer <token>");
    const now = deps.clock.now();
    const found = await sessions.findActive(hashToken(token), now);
    if (!found) throw new DomainError("unauthenticated", "Your session has ended; please sign in again");
    if (found.session.expiresAt - now < RENEW_WHEN_LEFT_MS) {
      await sessions.touch(found.session.id, now, now + deps.config.sessionTtlMs);
    }
    c.set("user", toAuthUser(found.user));
    c.set("sessionId", found.session.id);
    c.set("passwordEnteredAt", found.session.confirmedAt ?? found.session.createdAt);
    await next();
  });
}
