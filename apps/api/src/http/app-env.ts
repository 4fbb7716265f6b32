import type { RequestIdVariables } from "hono/request-id";
import type { AuthUser, ShopAccess } from "../use-cases/access.ts";

/** Variables handlers can read from the context; auth and shop are set by their middleware. */
export type AppEnv = {
  Variables: RequestIdVariables & {
    user: AuthUser;
    sessionId: string;
    access: ShopAccess;
  };
};
