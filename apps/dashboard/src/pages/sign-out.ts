import type { APIRoute } from "astro";
import { apiFor } from "../lib/api.ts";
import { clearSessionCookie } from "../lib/session.ts";

// POST only (a link could be triggered by another site's <img>); the middleware checks the origin.
export const POST: APIRoute = async (context) => {
  if (context.locals.token) {
    // Ends the session on the API too, so a copied cookie is worthless afterwards.
    await apiFor(context)
      .POST("/v1/auth/logout")
      .catch(() => undefined);
  }
  clearSessionCookie(context.cookies, context.locals.isHttps);
  return context.redirect("/sign-in", 303);
};
