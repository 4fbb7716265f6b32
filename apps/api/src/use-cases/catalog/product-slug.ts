import type { ShopRepositories } from "@stall/db";
import { DomainError, slugify } from "@stall/domain";

/** The slug for a new product: the one asked for (must be free) or one made from the title, made unique. */
export async function chooseProductSlug(repos: ShopRepositories, title: string, requested?: string): Promise<string> {
  if (requested !== undefined) {
    await assertSlugFree(repos, requested);
    return requested;
  }
  const base = slugify(title);
  for (let attempt = 1; attempt < 1000; attempt++) {
    const candidate = attempt === 1 ? base : `${base}-${attempt}`;
    if (!(await repos.products.isSlugTaken(candidate))) return candidate;
  }
  throw new DomainError("conflict", "Could not find a free web address for this product; give it a slug");
}

export async function assertSlugFree(repos: ShopRepositories, slug: string, exceptProductId?: string) {
  if (await repos.products.isSlugTaken(slug, exceptProductId)) {
    throw new DomainError("conflict", `Another product already uses the address /products/${slug}`, {
      errors: [{ path: "slug", message: "Already used by another product" }],
    });
  }
}
