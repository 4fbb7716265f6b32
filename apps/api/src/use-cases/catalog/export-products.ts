import type { Deps } from "../../deps.ts";
import type { ShopAccess } from "../access.ts";
import { withPhotos } from "./product-photos.ts";
import { toShopifyCsv } from "./shopify-csv.ts";

/** Every product as a Shopify-format CSV, so an owner can leave as easily as they came. */
export async function exportProducts(deps: Deps, options: { access: ShopAccess }) {
  const { repos, shop } = options.access;
  const all = [];
  for (const status of ["active", "draft", "archived"] as const) all.push(...(await repos.products.listAll(status)));
  const products = await withPhotos(repos, all, deps.config.publicApiUrl);
  return toShopifyCsv(
    products.map((product) => ({
      slug: product.slug,
      title: product.title,
      description: product.description,
      status: product.status,
      options: product.options.map((option) => ({ name: option.name, values: option.values })),
      variants: product.variants.map((variant) => ({
        optionValues: variant.optionValues,
        price: variant.price,
        compareAtPrice: variant.compareAtPrice,
        sku: variant.sku,
        stock: variant.stock,
      })),
      // The largest JPEG: every shop system can read it.
      imageUrls: product.photos.flatMap((photo) => {
        const jpegs = photo.renditions.filter((rendition) => rendition.format === "jpeg");
        const largest = jpegs.sort((a, b) => b.width - a.width)[0];
        return largest ? [largest.url] : [];
      }),
    })),
    { currency: shop.currency },
  );
}
