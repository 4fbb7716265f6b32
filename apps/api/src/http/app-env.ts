import type { ShopRepositories, ShopRow } from "@stall/db";
import type { RequestIdVariables } from "hono/request-id";

export type AuthUser = {
  id: string;
  email: string;
  name: string;
  locale: string;
  role: "user" | "operator";
  createdAt: number;
};

/** The signed-in member's place in the shop the route is about. */
export type ShopAccess = {
  shop: ShopRow;
  role: "owner" | "staff" | "helper";
  permissions: string[];
  membershipId: string;
  repos: ShopRepositories;
};

/** Variables handlers can read from the context; auth and shop are set by their middleware. */
export type AppEnv = {
  Variables: RequestIdVariables & {
    user: AuthUser;
    sessionId: string;
    access: ShopAccess;
  };
};
