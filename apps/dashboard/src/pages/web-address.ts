// The new-shop page's check "as you type": is this web address free? Answers a sentence in the owner's
// language for the page to show. Only an improvement: sending the form checks again on the server.
import type { APIRoute } from "astro";
import { dataOf, signedInApi } from "../lib/api.ts";

export const GET: APIRoute = async (context) => {
  const { t } = context.locals;
  const slug = (context.url.searchParams.get("slug") ?? "").trim().toLowerCase().slice(0, 64);
  if (!slug) return Response.json({ slug, isAvailable: false, message: t.webAddressMissing });
  const check = dataOf(await signedInApi(context).GET("/v1/me/shop-addresses/{slug}", { params: { path: { slug } } }));
  const message = check.isAvailable
    ? t.webAddressFree(check.address)
    : check.reason === "invalid"
      ? t.webAddressInvalid
      : check.suggestion
        ? t.webAddressTaken(check.suggestion)
        : t.webAddressTakenNoSuggestion;
  return Response.json(
    { slug, isAvailable: check.isAvailable, message, suggestion: check.suggestion },
    { headers: { "Cache-Control": "no-store" } },
  );
};
