// The download behind "Download everything": the API's zip passed through as it streams (never held
// whole in memory here), with the API's file name. A shop that is not the person's is the same 404 as everywhere; a helper gets 403.
import type { APIRoute } from "astro";
import { problemOf } from "../../../../lib/api.ts";
import { plainPage } from "../../../../lib/plain-page.ts";
import { allows, loadShop, notFound } from "../../../../lib/shop.ts";

export const GET: APIRoute = async (context) => {
  const shop = await loadShop(context as never, context.params.shopId);
  if (!shop) return notFound();
  const { t, lang } = context.locals;
  if (!allows(shop.membership, "manage")) {
    return plainPage(lang, {
      status: 403,
      title: t.noRightTitle,
      body: t.noRight(t.rightManage),
      link: { href: `/shops/${shop.shop.id}`, label: t.goHome },
    });
  }
  const result = await shop.api.GET("/v1/shops/{shopId}/export", {
    params: { path: { shopId: shop.shop.id } },
    parseAs: "stream",
  });
  if (result.response.status === 404) return notFound();
  const problem = problemOf(result);
  if (problem || !result.response.body) throw new Error(`The export answered ${result.response.status}`);
  return new Response(result.response.body, {
    status: 200,
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition":
        result.response.headers.get("content-disposition") ?? 'attachment; filename="stall-shop.zip"',
      "Cache-Control": "no-store",
    },
  });
};
