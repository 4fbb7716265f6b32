import type { APIRoute } from "astro";
import { requireShop } from "../lib/shop-context.ts";
import { robotsTxt } from "../lib/sitemap.ts";
import { absoluteUrl } from "../lib/urls.ts";

export const GET: APIRoute = ({ locals }) => {
  const { snapshot } = requireShop(locals);
  return new Response(robotsTxt(absoluteUrl(snapshot.shop.url, "/sitemap.xml")), {
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
};
