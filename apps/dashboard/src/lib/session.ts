// The owner's session: the API's opaque token, kept by the dashboard server in one cookie the page's
// JavaScript cannot read. The dashboard keeps no session state of its own; the API decides whether a
// token is still good (expiry, sign-out everywhere after a password reset).
import type { AstroCookies } from "astro";

/** `__Host-` pins the cookie to this exact host, path / and https; browsers refuse it over http. */
const SECURE_NAME = "__Host-stall_session";
const PLAIN_NAME = "stall_session";
const LANGUAGE_COOKIE = "stall_lang";

/** Long enough for a weekly market seller; the API's own session lifetime is the real limit. */
const MAX_AGE_SECONDS = 60 * 60 * 24 * 30;

/** Whether the browser reached us over https (directly, or through a proxy that says so). */
export function isHttps(url: URL, headers: Headers): boolean {
  if (url.protocol === "https:") return true;
  return headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase() === "https";
}

export function readSessionToken(cookies: AstroCookies): string | undefined {
  return cookies.get(SECURE_NAME)?.value || cookies.get(PLAIN_NAME)?.value || undefined;
}

export function setSessionCookie(cookies: AstroCookies, token: string, secure: boolean): void {
  cookies.set(secure ? SECURE_NAME : PLAIN_NAME, token, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure,
    maxAge: MAX_AGE_SECONDS,
  });
}

export function clearSessionCookie(cookies: AstroCookies, secure: boolean): void {
  // Deleting needs the same attributes the cookie was set with, or a __Host- cookie stays.
  if (cookies.has(SECURE_NAME))
    cookies.delete(SECURE_NAME, { path: "/", secure: true, httpOnly: true, sameSite: "lax" });
  if (cookies.has(PLAIN_NAME)) cookies.delete(PLAIN_NAME, { path: "/", secure, httpOnly: true, sameSite: "lax" });
}

export function readLanguageCookie(cookies: AstroCookies): string | undefined {
  return cookies.get(LANGUAGE_COOKIE)?.value;
}

export function setLanguageCookie(cookies: AstroCookies, locale: string, secure: boolean): void {
  cookies.set(LANGUAGE_COOKIE, locale, { path: "/", sameSite: "lax", secure, maxAge: 60 * 60 * 24 * 365 });
}
