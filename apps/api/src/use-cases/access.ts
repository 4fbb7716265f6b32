// Who is asking, in the shape every use-case takes. The use-cases define it and the HTTP layer fills it
// in (auth and shop-access middleware), so imports point one way: http and routes -> use-cases.
import type { ShopRepositories, ShopRow, UserRow } from "@stall/db";
import type { AgeBand, MembershipRole, UserRole } from "@stall/domain";

export type AuthUser = {
  id: string;
  email: string;
  name: string;
  locale: string;
  role: UserRole;
  ageBand: AgeBand | null;
  createdAt: number;
};

/** The signed-in member's place in the shop the request is about. */
export type ShopAccess = {
  shop: ShopRow;
  role: MembershipRole;
  permissions: string[];
  membershipId: string;
  repos: ShopRepositories;
};

/** The public shape of a user: never the password hash. */
export function toAuthUser(user: UserRow): AuthUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    locale: user.locale,
    role: user.role,
    ageBand: user.ageBand ?? null,
    createdAt: user.createdAt,
  };
}
