import { type CreateProductInput, cleanOptionTranslations, mergeTranslations } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import type { ShopAccess } from "../access.ts";
import { assertRoom, planOf } from "../plans/plan-room.ts";
import { productDetails, variantDetails } from "./product-details.ts";
import { assertOwnMedia, withPhotos } from "./product-photos.ts";
import { chooseProductSlug } from "./product-slug.ts";
import { assertShopLanguages } from "./translations.ts";

export async function createProduct(deps: Deps, options: { access: ShopAccess; input: CreateProductInput }) {
  const { access, input } = options;
  const { repos, shop } = access;
  const plan = await planOf(deps, shop);
  assertRoom(deps, plan, "products", await repos.products.count(), { allowed: plan.maxProducts });
  await assertOwnMedia(repos, input.mediaIds ?? []);
  assertShopLanguages(shop, [
    [input.translations, "translations"],
    ...(input.options ?? []).map((option, index): [typeof option.translations, string] => [
      option.translations,
      `options.${index}.translations`,
    ]),
  ]);
  const slug = await chooseProductSlug(repos, input.title, input.slug);
  const now = deps.clock.now();
  const product = await repos.products.create(
    {
      id: deps.newId("product"),
      slug,
      title: input.title,
      description: input.description ?? "",
      status: input.status ?? "active",
      position: await repos.products.count(),
      translations: mergeTranslations({}, input.translations),
      ...productDetails(input),
      createdAt: now,
      updatedAt: now,
      options: (input.options ?? []).map((option, position) => ({
        id: deps.newId("option"),
        name: option.name,
        values: option.values,
        translations: cleanOptionTranslations(option, option.translations),
        position,
      })),
      variants: input.variants.map((variant, position) => ({
        id: deps.newId("variant"),
        optionValues: variant.optionValues ?? [],
        priceAmount: variant.price,
        compareAtAmount: variant.compareAtPrice ?? null,
        currency: shop.currency,
        sku: variant.sku ?? null,
        stock: variant.stock ?? null,
        ...variantDetails(variant),
        position,
        createdAt: now,
        updatedAt: now,
      })),
      mediaIds: input.mediaIds ?? [],
    },
    now,
  );
  const [response] = await withPhotos(repos, [product], deps.config.publicApiUrl);
  return response;
}
