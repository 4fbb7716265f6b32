// Every response Astro renders passes here: nosniff, and on pages a strict Content-Security-Policy that
// names the exact inline styles and scripts the page was rendered with (server.mjs gives everything
// else, including files served before Astro, a policy that allows nothing).
import { PUBLIC_API_URL } from "astro:env/server";
import { defineMiddleware } from "astro:middleware";
import { pagePolicy } from "@stall/http-edge";

export const onRequest = defineMiddleware(async (_context, next) => {
  const response = await next();
  response.headers.set("X-Content-Type-Options", "nosniff");
  if (!response.headers.get("content-type")?.startsWith("text/html") || !response.body) return response;
  const html = await response.text();
  // Photos and the owner's data come from the API; pages post only to the dashboard.
  const apiOrigin = new URL(PUBLIC_API_URL).origin;
  const headers = new Headers(response.headers);
  headers.set("Content-Security-Policy", pagePolicy(html, { imageOrigins: [apiOrigin], connectOrigins: [apiOrigin] }));
  return new Response(html, { status: response.status, statusText: response.statusText, headers });
});
