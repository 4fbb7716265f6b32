// Switches the dashboard's language and remembers it. A GET link, so it works without JavaScript;
// it changes nothing but a preference cookie, so it needs no CSRF token.
import { isLocale } from "@stall/i18n";
import type { APIRoute } from "astro";
import { safeNextPath } from "../lib/next-path.ts";
import { setLanguageCookie } from "../lib/session.ts";

export const GET: APIRoute = ({ url, cookies, locals, redirect }) => {
  const to = url.searchParams.get("to");
  if (isLocale(to)) setLanguageCookie(cookies, to, locals.isHttps);
  return redirect(safeNextPath(url.searchParams.get("next")), 303);
};
