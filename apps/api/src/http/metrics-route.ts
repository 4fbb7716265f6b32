// GET /metrics: the Prometheus text of this API process, for whoever the door lets in (decision 023).
import { getConnInfo } from "@hono/node-server/conninfo";
import { DomainError } from "@stall/domain";
import { metricsDoor } from "@stall/http-edge";
import type { Context, Handler } from "hono";
import type { AppEnv } from "./app-env.ts";
import type { ApiMetrics } from "./metrics.ts";

function socketAddress(c: Context<AppEnv>): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    return undefined; // app.request() in tests has no socket
  }
}

export function metricsRoute(token: string, metrics: ApiMetrics): Handler<AppEnv> {
  return async (c) => {
    const door = metricsDoor({
      token,
      authorization: c.req.header("Authorization"),
      remoteAddress: socketAddress(c),
      header: (name) => c.req.header(name),
    });
    if (door === "hidden") throw new DomainError("not_found", `Nothing here: ${c.req.method} ${c.req.path}`);
    if (door === "unauthorized") {
      throw new DomainError("unauthenticated", "Send the metrics token as Authorization: Bearer <METRICS_TOKEN>");
    }
    const { body, contentType } = await metrics.exposition();
    return c.body(body, 200, { "Content-Type": contentType, "Cache-Control": "no-store" });
  };
}
