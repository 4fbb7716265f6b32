import type { RequestIdVariables } from "hono/request-id";
import type { AuthUser, ShopAccess } from "../use-cases/access.ts";

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

/** Details a handler adds to the entry its door writes for the request (shop doors and the operator door). */
export type AuditNote = {
  shopId?: string | null;
  action?: string;
  targetType?: string;
  targetId?: string;
  data?: Record<string, unknown>;
  /**
   * The handler wrote the entry itself, in the same write as the change (so the change and its entry
   * land together or not at all): the door writes none.
   */
  isWritten?: boolean;
};
