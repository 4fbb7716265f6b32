import { platform } from "@stall/db";
import { type AuditEvent, DomainError, type LoginInput } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import { toAuthUser } from "../access.ts";
import { recordAudit } from "../audit/record-audit.ts";
import { newSession, type SessionContext } from "./start-session.ts";

// Verified when the email is unknown, so both paths cost one scrypt and take the same time. One per
// hasher, so the decoy is made at that hasher's cost.
const dummyHashes = new WeakMap<Deps["hasher"], Promise<string>>();

function dummyHashOf(hasher: Deps["hasher"]): Promise<string> {
  let hash = dummyHashes.get(hasher);
  if (!hash) {
    // A failed first hash (the hasher's queue was full) must not be remembered for every later sign-in.
    hash = hasher.hash("not the password of anyone").catch((error: unknown) => {
      dummyHashes.delete(hasher);
      throw error;
    });
    dummyHashes.set(hasher, hash);
  }
  return hash;
}

function tooManyAttempts(lockedUntil: number, now: number): DomainError {
  const retryAfterSeconds = Math.max(1, Math.ceil((lockedUntil - now) / 1000));
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return new DomainError(
    "too_many_requests",
    `Too many wrong passwords. Please wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again, or reset your password.`,
    { details: { retryAfterSeconds } },
  );
}

/** Signs in with email and password, throttled per account and per IP. */
export async function logIn(deps: Deps, options: { input: LoginInput; context: SessionContext }) {
  const directory = platform(deps.database.db);
  const { input, context } = options;
  const now = deps.clock.now();
  const keys = { account: `email:${input.email}`, ip: `ip:${context.ip}` };

  for (const key of [keys.account, keys.ip]) {
    const throttle = await directory.throttles.get(key);
    if (throttle?.lockedUntil && throttle.lockedUntil > now) {
      deps.metrics?.refused("sign_in");
      throw tooManyAttempts(throttle.lockedUntil, now);
    }
  }

  const user = await directory.users.findByEmail(input.email);
  const isValid = await deps.hasher.verify(input.password, user?.passwordHash ?? (await dummyHashOf(deps.hasher)));
  if (!user || !isValid) {
    const [account, ip] = await Promise.all([
      directory.throttles.recordFailure(keys.account, now, deps.config.throttle.account),
      directory.throttles.recordFailure(keys.ip, now, deps.config.throttle.ip),
    ]);
    const lockedUntil = Math.max(account.lockedUntil ?? 0, ip.lockedUntil ?? 0);
    if (lockedUntil > now) {
      // This failure set the lock (a locked key is refused above): a burst of wrong passwords.
      await recordAudit(deps, {
        actor: { userId: user?.id ?? null, role: "user", ip: context.ip },
        shopId: null,
        action: "auth.sign_in_locked" satisfies AuditEvent,
        targetType: "account",
        targetId: input.email,
        data: {
          lockedUntil,
          by:
            (account.lockedUntil ?? 0) > now
              ? (ip.lockedUntil ?? 0) > now
                ? "account_and_address"
                : "account"
              : "address",
        },
      });
      throw tooManyAttempts(lockedUntil, now);
    }
    throw new DomainError(
      "invalid_credentials",
      "That email and password do not match. Check them, or reset your password.",
    );
  }

  await directory.throttles.reset(keys.account);
  const session = newSession(deps, user.id, context);
  await directory.sessions.create(session.row);
  await recordAudit(deps, {
    actor: { userId: user.id, role: "user", ip: context.ip },
    shopId: null,
    action: "auth.signed_in" satisfies AuditEvent,
    targetType: "session",
    targetId: session.row.id,
  });
  return { user: toAuthUser(user), token: session.token };
}
