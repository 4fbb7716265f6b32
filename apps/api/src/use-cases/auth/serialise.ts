import type { UserRow } from "@stall/db";
import type { AuthUser } from "../../http/app-env.ts";

/** The public shape of a user: never the password hash. */
export function toAuthUser(user: UserRow): AuthUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    locale: user.locale,
    role: user.role,
    createdAt: user.createdAt,
  };
}
