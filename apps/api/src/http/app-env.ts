import type { RequestIdVariables } from "hono/request-id";
import type { AuthUser, ShopAccess } from "../use-cases/access.ts";
import type { AuditNote } from "./audit.ts";

/** Variables handlers can read from the context; auth and shop are set by their middleware. */
export type AppEnv = {
  Variables: RequestIdVariables & {
    user: AuthUser;
    sessionId: string;
    /** When the password was last entered on this session: sign-in or re-confirmation. */
    passwordEnteredAt: number;
    access: ShopAccess;
    /** Details a handler adds to the audit entry its door writes (http/audit.ts `noteAudit`). */
    auditNote: AuditNote | undefined;
  };
};
