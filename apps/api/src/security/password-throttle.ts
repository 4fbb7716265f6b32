// The password throttle: a security limit on the routes that hash a new password (each hash costs
// 0.34 s of a core and 128 MiB). Counted in the database, so every API process shares it, unlike the
// in-memory load limits on carts and checkout, which only smooth one process's load.
import { platform } from "@stall/db";
import { DomainError } from "@stall/domain";
import type { Deps } from "../deps.ts";

/**
 * Counts one attempt against the client's IP and/or the account (whichever is given); throws 429
 * with Retry-After when either has used its allowance. Call it before any hashing.
 */
export async function throttlePasswordWork(deps: Deps, options: { ip?: string; account?: string }): Promise<void> {
  const throttles = platform(deps.database.db).throttles;
  const now = deps.clock.now();
  const policy = deps.config.passwordThrottle;
  if (options.ip !== undefined) {
    const ip = await throttles.hit(`password:ip:${options.ip}`, now, policy.ip);
    if (!ip.isAllowed) deps.metrics?.refused("password_per_ip");
    if (!ip.isAllowed) throw tooManyAttempts("from this address", ip.retryAfterMs);
  }
  if (options.account === undefined) return;
  const account = await throttles.hit(`password:account:${options.account}`, now, policy.account);
  if (!account.isAllowed) deps.metrics?.refused("password_per_account");
  if (!account.isAllowed) throw tooManyAttempts("for this account", account.retryAfterMs);
}

function tooManyAttempts(where: string, retryAfterMs: number): DomainError {
  const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return new DomainError(
    "too_many_requests",
    `Too many password attempts ${where}. Please wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`,
    { details: { retryAfterSeconds } },
  );
}
