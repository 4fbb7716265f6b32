import { platform } from "@stall/db";
import { type ConfirmPasswordInput, DomainError } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import type { AuthUser } from "../access.ts";

/**
 * Re-enters the password on this session (operators' actions need it within 15 minutes). Throttled
 * with sign-in's counters, per account and per address, so it is no side door for guessing.
 */
export async function confirmPassword(
  deps: Deps,
  options: { user: AuthUser; sessionId: string; ip: string; input: ConfirmPasswordInput },
) {
  const directory = platform(deps.database.db);
  const now = deps.clock.now();
  const keys = { account: `email:${options.user.email}`, ip: `ip:${options.ip}` };
  for (const key of [keys.account, keys.ip]) {
    const throttle = await directory.throttles.get(key);
    if (throttle?.lockedUntil && throttle.lockedUntil > now) throw tooManyAttempts(throttle.lockedUntil, now);
  }
  const user = await directory.users.findById(options.user.id);
  const isValid = user !== undefined && (await deps.hasher.verify(options.input.password, user.passwordHash));
  if (!isValid) {
    const [account, ip] = await Promise.all([
      directory.throttles.recordFailure(keys.account, now, deps.config.throttle.account),
      directory.throttles.recordFailure(keys.ip, now, deps.config.throttle.ip),
    ]);
    const lockedUntil = Math.max(account.lockedUntil ?? 0, ip.lockedUntil ?? 0);
    if (lockedUntil > now) throw tooManyAttempts(lockedUntil, now);
    throw new DomainError("invalid_credentials", "That is not your password. Try again, or reset your password.", {
      errors: [{ path: "password", message: "That is not your password" }],
    });
  }
  await directory.throttles.reset(keys.account);
  await directory.sessions.confirm(options.sessionId, now);
  return { confirmedAt: now };
}

function tooManyAttempts(lockedUntil: number, now: number): DomainError {
  const retryAfterSeconds = Math.max(1, Math.ceil((lockedUntil - now) / 1000));
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return new DomainError(
    "too_many_requests",
    `Too many wrong passwords. Please wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`,
    { details: { retryAfterSeconds } },
  );
}
