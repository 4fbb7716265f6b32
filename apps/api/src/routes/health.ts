import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { DomainError } from "@stall/domain";
import type { AppEnv } from "../http/app-env.ts";
import { errorResponse } from "./common.ts";

const Health = z.object({ status: z.literal("ok") }).openapi("Health");
const Ready = z.object({ status: z.literal("ready"), database: z.enum(["file", "remote"]) }).openapi("Ready");

const healthz = createRoute({
  operationId: "getHealth",
  method: "get",
  path: "/healthz",
  tags: ["Operations"],
  summary: "Is the process up?",
  description: "Answers 200 as long as the process serves requests. Use it for liveness checks.",
  responses: { 200: { description: "The process is up", content: { "application/json": { schema: Health } } } },
});

const readyz = createRoute({
  operationId: "getReadiness",
  method: "get",
  path: "/readyz",
  tags: ["Operations"],
  summary: "Can the API serve traffic?",
  description: "Answers 200 when the database answers a query; 503 otherwise. Use it for readiness checks.",
  responses: {
    200: { description: "Ready", content: { "application/json": { schema: Ready } } },
    503: errorResponse("The database does not answer"),
  },
});

export type HealthDeps = { checkDatabase(): Promise<void>; databaseKind: "file" | "remote" };

export function healthRoutes(deps: HealthDeps) {
  return new OpenAPIHono<AppEnv>()
    .openapi(healthz, (c) => c.json({ status: "ok" as const }, 200))
    .openapi(readyz, async (c) => {
      try {
        await deps.checkDatabase();
      } catch (error) {
        throw new DomainError("service_unavailable", "The database does not answer", { cause: error });
      }
      return c.json({ status: "ready" as const, database: deps.databaseKind }, 200);
    });
}
