// Every request passes here. Before the page: the owner's language, the session cookie, and the origin
// check that refuses a cross-site form (CSRF). After it: an ended session becomes a redirect to sign in;
// nosniff and no-store on everything; and on pages a strict Content-Security-Policy that names the exact
// inline styles and scripts the page was rendered with (server.mjs gives everything else, including
// files served before Astro, a policy that allows nothing); pages are sent compressed (a phone on one
// bar of signal gets a third of the bytes).
import { PUBLIC_API_URL } from "astro:env/server";
import { defineMiddleware } from "astro:middleware";
import { encode, negotiateEncoding, pagePolicy } from "@stall/http-edge";
import { SignInRequired } from "./lib/api.ts";
import { chooseLocale, messagesFor } from "./lib/locale.ts";
import { signInPath } from "./lib/next-path.ts";
import { isSafeMethod, isSameOriginRequest } from "./lib/origin-check.ts";
import { plainPage } from "./lib/plain-page.ts";
import { clearSessionCookie, isHttps, readLanguageCookie, readSessionToken } from "./lib/session.ts";

export const onRequest = defineMiddleware(async (context, next) => {
  const { request, cookies, locals, url } = context;
  locals.lang = chooseLocale(readLanguageCookie(cookies), request.headers.get("accept-language"));
  locals.t = messagesFor(locals.lang);
  locals.isHttps = isHttps(url, request.headers);
  locals.token = readSessionToken(cookies);
  locals.imageOrigins = [];
  locals.formActionOrigins = [];

  let response: Response;
  if (!isSafeMethod(request.method) && !isSameOriginRequest(request.headers, request.headers.get("host") ?? url.host)) {
    response = plainPage(locals.lang, {
      status: 403,
      title: locals.t.crossSiteTitle,
      body: locals.t.crossSiteBody,
      link: { href: "/", label: locals.t.goHome },
    });
  } else {
    try {
      response = await next();
    } catch (error) {
      if (!(error instanceof SignInRequired)) throw error;
      // Not signed in, or the session ended (expired, signed out elsewhere): forget it and come back here
      // after signing in. After a POST, come back to the page the form was on (a GET of the same path).
      // "You were signed out" only to a browser that had a session: an owner opening the link in a
      // new-order email on another phone was never signed in there.
      const hadSession = Boolean(locals.token);
      clearSessionCookie(cookies, locals.isHttps);
      const back = `${url.pathname}${request.method === "GET" ? url.search : ""}`;
      response = context.redirect(signInPath(back, { expired: hadSession }), 303);
    }
  }
  return withPolicy(response, locals, request.headers.get("accept-encoding"));
});

async function withPolicy(response: Response, locals: App.Locals, acceptEncoding: string | null): Promise<Response> {
  const headers = new Headers(response.headers);
  headers.set("X-Content-Type-Options", "nosniff");
  // Every page shows one person's shop: never keep it in a shared cache.
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", "no-store");
  if (!headers.get("content-type")?.startsWith("text/html") || !response.body) {
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
  const html = await response.text();
  // Photos come from the API, QR codes from the shop's own address (pages name it), the photo preview is
  // a blob: URL; forms post to the dashboard, and a few redirect on to Stripe or the shop (pages name them).
  const apiOrigin = new URL(PUBLIC_API_URL).origin;
  headers.set(
    "Content-Security-Policy",
    pagePolicy(html, {
      imageOrigins: [apiOrigin, "blob:", ...locals.imageOrigins],
      connectOrigins: [apiOrigin],
      formActionOrigins: locals.formActionOrigins,
    }),
  );
  headers.append("Vary", "Accept-Encoding");
  const encoding = negotiateEncoding(acceptEncoding);
  if (encoding !== "identity") headers.set("Content-Encoding", encoding);
  const body = await encode(new TextEncoder().encode(html), encoding);
  // zlib's Buffers are typed over ArrayBufferLike, which the DOM's BodyInit does not name; they are bytes.
  return new Response(body as BodyInit, { status: response.status, statusText: response.statusText, headers });
}
