// GET /metrics: this storefront process's Prometheus text (decision 023). Every shop's host reaches
// this process, so the door matters: METRICS_TOKEN as a bearer, or a scraper on this machine only.
import { metricsDoor } from "@stall/http-edge";
import type { APIRoute } from "astro";
import { getRuntime } from "../runtime.ts";

const NO_STORE = { "Cache-Control": "no-store" };

export const GET: APIRoute = async (context) => {
  const runtime = getRuntime();
  let remoteAddress: string | undefined;
  try {
    remoteAddress = context.clientAddress;
  } catch {
    remoteAddress = undefined;
  }
  const door = metricsDoor({
    token: runtime.metricsToken,
    authorization: context.request.headers.get("authorization"),
    remoteAddress,
    header: (name) => context.request.headers.get(name),
  });
  if (door === "hidden") {
    return new Response("Not found\n", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", ...NO_STORE },
    });
  }
  if (door === "unauthorized") {
    return new Response("Send the metrics token as Authorization: Bearer <METRICS_TOKEN>\n", {
      status: 401,
      headers: { "Content-Type": "text/plain; charset=utf-8", "WWW-Authenticate": "Bearer", ...NO_STORE },
    });
  }
  const { body, contentType } = await runtime.metrics.exposition();
  return new Response(body, { headers: { "Content-Type": contentType, ...NO_STORE } });
};
