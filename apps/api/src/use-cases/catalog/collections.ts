import type { Collection, ShopRepositories } from "@stall/db";
import {
  type CreateCollectionInput,
  DomainError,
  mergeTranslations,
  slugify,
  type UpdateCollectionInput,
} from "@stall/domain";
import type { ResourceHandlers } from "../resource-handlers.ts";
import { assertShopLanguages } from "./translations.ts";

export function toCollection(collection: Collection) {
  return {
    id: collection.id,
    slug: collection.slug,
    title: collection.title,
    description: collection.description,
    isFeatured: collection.isFeatured,
    position: collection.position,
    productIds: collection.productIds,
    translations: collection.translations,
  };
}

async function assertOwnProducts(repos: ShopRepositories, productIds: string[]) {
  const known = await repos.collections.existingProductIds(productIds);
  const problems = productIds.flatMap((id, index) =>
    known.has(id) ? [] : [{ path: `productIds.${index}`, message: "No such product in this shop" }],
  );
  if (new Set(productIds).size !== productIds.length)
    problems.push({ path: "productIds", message: "A product is listed twice" });
  if (problems.length > 0)
    throw new DomainError("validation_failed", "Some products cannot go in this collection", { errors: problems });
}

async function assertSlugFree(repos: ShopRepositories, slug: string, exceptId?: string) {
  const found = await repos.collections.getBySlug(slug);
  if (found && found.id !== exceptId) {
    throw new DomainError("conflict", `Another collection already uses /collections/${slug}`, {
      errors: [{ path: "slug", message: "Already used" }],
    });
  }
}

async function freeSlug(repos: ShopRepositories, title: string): Promise<string> {
  const base = slugify(title);
  for (let attempt = 1; ; attempt++) {
    const candidate = attempt === 1 ? base : `${base}-${attempt}`;
    if (!(await repos.collections.getBySlug(candidate))) return candidate;
  }
}

export const collectionHandlers: ResourceHandlers<
  CreateCollectionInput,
  UpdateCollectionInput,
  ReturnType<typeof toCollection>
> = {
  list: async (_deps, access) => {
    const rows = await access.repos.collections.list();
    const members = await access.repos.collections.memberships();
    return rows.map((row) =>
      toCollection({
        ...row,
        productIds: members.filter((member) => member.collectionId === row.id).map((member) => member.productId),
      }),
    );
  },
  get: async (_deps, access, id) => {
    const collection = await access.repos.collections.get(id);
    return collection && toCollection(collection);
  },
  create: async (deps, access, input) => {
    const { repos } = access;
    const productIds = input.productIds ?? [];
    assertShopLanguages(access.shop, [[input.translations, "translations"]]);
    await assertOwnProducts(repos, productIds);
    if (input.slug) await assertSlugFree(repos, input.slug);
    const now = deps.clock.now();
    const collection = await repos.collections.create(
      {
        id: deps.newId("collection"),
        slug: input.slug ?? (await freeSlug(repos, input.title)),
        title: input.title,
        description: input.description ?? "",
        isFeatured: input.isFeatured ?? false,
        translations: mergeTranslations({}, input.translations),
        position: (await repos.collections.list()).length,
        createdAt: now,
        updatedAt: now,
      },
      productIds,
      now,
    );
    return toCollection(collection);
  },
  update: async (deps, access, id, patch) => {
    const { repos } = access;
    assertShopLanguages(access.shop, [[patch.translations, "translations"]]);
    if (patch.productIds) await assertOwnProducts(repos, patch.productIds);
    if (patch.slug) await assertSlugFree(repos, patch.slug, id);
    const { productIds, translations, ...fields } = patch;
    const current = translations !== undefined ? await repos.collections.get(id) : undefined;
    if (translations !== undefined && !current) return undefined;
    const collection = await repos.collections.update(
      id,
      { ...fields, ...(current ? { translations: mergeTranslations(current.translations, translations) } : {}) },
      productIds,
      deps.clock.now(),
    );
    return collection && toCollection(collection);
  },
  remove: (deps, access, id) => access.repos.collections.delete(id, deps.clock.now()),
};
