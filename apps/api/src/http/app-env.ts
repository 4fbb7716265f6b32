import type { RequestIdVariables } from "hono/request-id";

/** Variables every handler can read from the context. */
export type AppEnv = { Variables: RequestIdVariables };
