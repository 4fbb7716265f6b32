// Groups of products (the API's collections): their order in the shop, and the order of the products
// in one group, changed with "Move up" / "Move down" buttons that work as plain form posts.
import type { ApiClient, components } from "@stall/api-client";
import { dataOf, problemOf } from "./api.ts";

export { type Direction, editorOrder, moved, parseMove } from "./move.ts";

export type Collection = components["schemas"]["Collection"];
/**
 * Makes the shop's groups appear in `order`: each group whose position differs from its place in the
 * new order gets that place (a swap of two neighbours is two changes). The API has no one-call reorder
 * for collections; if a change fails half-way two groups share a position, which only ties their order.
 * Answers false when the API refused a change (a group deleted meanwhile).
 */
export async function saveCollectionOrder(
  api: ApiClient,
  shopId: string,
  collections: readonly Collection[],
  order: readonly string[],
): Promise<boolean> {
  for (const [position, id] of order.entries()) {
    const current = collections.find((collection) => collection.id === id);
    if (!current || current.position === position) continue;
    const result = await api.PATCH("/v1/shops/{shopId}/collections/{id}", {
      params: { path: { shopId, id } },
      body: { position },
    });
    if (problemOf(result)) return false;
  }
  return true;
}

export type Product = components["schemas"]["Product"];

/** Every product of the shop, page by page (a plan holds a few hundred at most), in the shop's order. */
export async function allProducts(api: ApiClient, shopId: string): Promise<Product[]> {
  const products: Product[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 100; page += 1) {
    const result = await api.GET("/v1/shops/{shopId}/products", {
      params: { path: { shopId }, query: { limit: 100, ...(cursor ? { cursor } : {}) } },
    });
    const data = dataOf(result);
    products.push(...data.items);
    if (!data.nextCursor) break;
    cursor = data.nextCursor;
  }
  return products;
}
