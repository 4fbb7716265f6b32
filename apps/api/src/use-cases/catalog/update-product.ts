import type { Product, VariantValues } from "@stall/db";
import {
  carryOptionTranslations,
  DomainError,
  mergeTranslations,
  type UpdateProductInput,
  variantProblems,
} from "@stall/domain";
import type { Deps } from "../../deps.ts";
import type { ShopAccess } from "../access.ts";
import { productDetails, variantDetails } from "./product-details.ts";
import { assertOwnMedia, withPhotos } from "./product-photos.ts";
import { assertSlugFree } from "./product-slug.ts";
import { assertShopLanguages } from "./translations.ts";

/**
 * Edits a product. Renaming keeps the web address; a new slug is taken only when asked for, and the
 * old one keeps working as a redirect (links on printed posters must not break).
 */
export async function updateProduct(
  deps: Deps,
  options: { access: ShopAccess; productId: string; input: UpdateProductInput },
) {
  const { access, productId, input } = options;
  const { repos, shop } = access;
  const current = await repos.products.get(productId);
  if (!current) throw new DomainError("not_found", "No such product in this shop");
  assertShopLanguages(shop, [
    [input.translations, "translations"],
    ...(input.options ?? []).map((option, index): [typeof option.translations, string] => [
      option.translations,
      `options.${index}.translations`,
    ]),
  ]);
  if (input.options && !input.variants && !sameOptions(input.options, current.options)) {
    throw new DomainError("validation_failed", "Changing the options needs the variants too", {
      errors: [{ path: "variants", message: "Send the whole variant list with the new options" }],
    });
  }

  if (input.variants) {
    const optionList = input.options ?? current.options;
    const problems = variantProblems(optionList, input.variants).map((problem) => ({
      path: problem.path.join("."),
      message: problem.message,
    }));
    const ownIds = new Set(current.variants.map((variant) => variant.id));
    input.variants.forEach((variant, index) => {
      if (variant.id !== undefined && !ownIds.has(variant.id)) {
        problems.push({ path: `variants.${index}.id`, message: "Not a variant of this product" });
      }
    });
    if (problems.length > 0) {
      throw new DomainError("validation_failed", `The variants have ${problems.length} problem(s)`, {
        errors: problems,
      });
    }
  }
  if (input.mediaIds) await assertOwnMedia(repos, input.mediaIds);
  if (input.slug !== undefined && input.slug !== current.slug) await assertSlugFree(repos, input.slug, productId);

  const now = deps.clock.now();
  const existing = new Map(current.variants.map((variant) => [variant.id, variant]));
  const variants: VariantValues[] | undefined = input.variants?.map((variant, position) => ({
    id: variant.id ?? deps.newId("variant"),
    optionValues: variant.optionValues ?? [],
    priceAmount: variant.price,
    compareAtAmount: variant.compareAtPrice ?? null,
    currency: shop.currency,
    sku: variant.sku ?? null,
    // Stock left out of an edit stays what it was; null means "not tracked".
    stock: variant.stock !== undefined ? variant.stock : variant.id ? (existing.get(variant.id)?.stock ?? null) : null,
    ...variantDetails(variant, variant.id ? existing.get(variant.id) : undefined),
    position,
    createdAt: now,
    updatedAt: now,
  }));
  const updated = await repos.products.change(
    productId,
    {
      fields: {
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.status !== undefined ? { status: input.status } : {}),
        ...(input.slug !== undefined ? { slug: input.slug } : {}),
        ...(input.position !== undefined ? { position: input.position } : {}),
        ...(input.translations !== undefined
          ? { translations: mergeTranslations(current.translations, input.translations) }
          : {}),
        ...productDetails(input),
      },
      ...(input.options ? { options: newOptions(deps, current.options, input.options) } : {}),
      ...(variants ? { variants } : {}),
      ...(input.mediaIds ? { mediaIds: input.mediaIds } : {}),
      redirectId: deps.newId("slugRedirect"),
    },
    now,
  );
  if (!updated) throw new DomainError("not_found", "No such product in this shop");
  const [response] = await withPhotos(repos, [updated], deps.config.publicApiUrl);
  return response;
}

type OptionInput = NonNullable<UpdateProductInput["options"]>[number];

/** True when an option list has the same names and values, in the same order, as the product's. */
function sameOptions(next: OptionInput[], current: Product["options"]): boolean {
  return (
    next.length === current.length &&
    next.every(
      (option, index) =>
        option.name === current[index]?.name &&
        JSON.stringify(option.values) === JSON.stringify(current[index]?.values),
    )
  );
}

/** The new option rows; options sent without translations keep the words they had (decision 031). */
function newOptions(deps: Deps, current: Product["options"], next: OptionInput[]) {
  const translations = carryOptionTranslations(current, next);
  return next.map((option, position) => ({
    id: deps.newId("option"),
    name: option.name,
    values: option.values,
    translations: translations[position] ?? {},
    position,
  }));
}
