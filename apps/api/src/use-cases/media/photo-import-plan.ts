import type { NewPhotoImportItem } from "@stall/db";
import type { Deps } from "../../deps.ts";
import type { CsvProduct } from "../catalog/shopify-csv.ts";

/** A product of the file as the import is about to write it: its id and its variants' ids, in file order. */
export type PlacedProduct = { product: CsvProduct; productId: string; variantIds: string[] };

/**
 * The photo-import job for an import (decision 030): one item per photo address of each product, in
 * Image Position order (the parser's order), with its alt text and the variants that show it. Written
 * in the import's own batch, so the products and the photos they wait for land together.
 */
export function photoImportPlan(
  deps: Pick<Deps, "newId">,
  options: { placed: PlacedProduct[]; created: number; updated: number; now: number },
) {
  const { now } = options;
  const job = {
    id: deps.newId("photoImport"),
    productsCreated: options.created,
    productsUpdated: options.updated,
    createdAt: now,
  };
  const items: NewPhotoImportItem[] = [];
  for (const { product, productId, variantIds } of options.placed) {
    product.images.forEach((image, position) => {
      items.push({
        id: deps.newId("photoImportItem"),
        productId,
        variantIds: variantIds.filter((_, index) => product.variants[index]?.imageUrl === image.url),
        url: image.url,
        alt: image.alt.trim().slice(0, 300),
        position,
        nextAttemptAt: now,
        createdAt: now,
        updatedAt: now,
      });
    });
  }
  return { job, items };
}
