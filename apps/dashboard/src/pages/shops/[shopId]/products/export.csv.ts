// The shop's products as a CSV file (Shopify's format), passed through from the API as it streams, so
// the browser downloads it from the dashboard and never sees the API or the owner's token.
import type { APIRoute } from "astro";
import { SignInRequired, signedInApi } from "../../../../lib/api.ts";
import { plainPage } from "../../../../lib/plain-page.ts";

export const GET: APIRoute = async (context) => {
  const { t, lang } = context.locals;
  const api = signedInApi(context);
  const shopId = context.params.shopId ?? "";
  const result = await api.GET("/v1/shops/{shopId}/products/export", {
    params: { path: { shopId } },
    parseAs: "stream",
  });
  const { response } = result;
  if (response.status === 401) throw new SignInRequired("The API refused the session");
  // Not a member (or no such shop): the same 404 page as every other page of a shop that is not theirs.
  if (response.status === 404) return new Response(null, { status: 404 });
  if (!response.ok || !result.data) {
    return plainPage(lang, {
      status: 403,
      title: t.noRightTitle,
      body: t.noRight(t.rightCatalogue),
      link: { href: "/", label: t.goHome },
    });
  }
  return new Response(result.data, {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": response.headers.get("content-disposition") ?? 'attachment; filename="products.csv"',
    },
  });
};
