import { hc } from "hono/client";
import type { AppType } from "./app.ts";

/** The typed API client the storefront and dashboard use. */
export function createApiClient(baseUrl: string, init?: { headers?: Record<string, string> }) {
  return hc<AppType>(baseUrl, init);
}
export type { AppType };
