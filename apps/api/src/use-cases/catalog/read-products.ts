import { DomainError, type ProductListQuery } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import type { ShopAccess } from "../access.ts";
import { withPhotos } from "./product-photos.ts";

export async function listProducts(deps: Deps, options: { access: ShopAccess; query: ProductListQuery }) {
  const { repos } = options.access;
  const page = await repos.products.list(options.query);
  return { items: await withPhotos(repos, page.items, deps.config.publicApiUrl), nextCursor: page.nextCursor };
}

export async function getProduct(deps: Deps, options: { access: ShopAccess; productId: string }) {
  const { repos } = options.access;
  const product = await repos.products.get(options.productId);
  if (!product) throw new DomainError("not_found", "No such product in this shop");
  const [response] = await withPhotos(repos, [product], deps.config.publicApiUrl);
  return response;
}

export async function deleteProduct(deps: Deps, options: { access: ShopAccess; productId: string }) {
  if (!(await options.access.repos.products.delete(options.productId, deps.clock.now()))) {
    throw new DomainError("not_found", "No such product in this shop");
  }
}

/** Sets the order products appear in; every id must be one of the shop's products. */
export async function reorderProducts(deps: Deps, options: { access: ShopAccess; ids: string[] }) {
  const { repos } = options.access;
  const known = await repos.collections.existingProductIds(options.ids);
  const unknown = options.ids.flatMap((id, index) =>
    known.has(id) ? [] : [{ path: `ids.${index}`, message: "No such product in this shop" }],
  );
  if (unknown.length > 0)
    throw new DomainError("validation_failed", "Some ids are not products of this shop", { errors: unknown });
  await repos.products.reorder(options.ids, deps.clock.now());
}
