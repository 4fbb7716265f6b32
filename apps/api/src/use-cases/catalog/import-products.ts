import { isUniqueViolation, type NewProduct, type Product, type ProductChange } from "@stall/db";
import { DomainError } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import type { ShopAccess } from "../access.ts";
import { assertRoom, planOf } from "../plans/plan-room.ts";
import { type CsvProduct, parseShopifyCsv } from "./shopify-csv.ts";

export type ImportMode = "create" | "update";

/**
 * Imports a product CSV (Shopify's format) all or nothing: every row is checked first, any problem is
 * reported with its row number and nothing is written; otherwise every product lands in one write.
 * With mode "update", a handle that already exists replaces that product (variants with the same
 * options keep their ids, so carts stay valid); with "create", an existing handle is a row error.
 */
export async function importProducts(deps: Deps, options: { access: ShopAccess; csv: string; mode: ImportMode }) {
  const { access, mode } = options;
  const { repos, shop } = access;
  const plan = await planOf(deps, shop);
  const parsed = parseShopifyCsv(options.csv, { currency: shop.currency, maxProducts: plan.maxProducts });
  const errors = [...parsed.errors];

  const existing = new Map<string, Product>();
  for (const product of parsed.products) {
    const found = await repos.products.getBySlug(product.handle);
    if (found) existing.set(product.handle, found);
    if (found && mode === "create") {
      errors.push({
        row: product.sourceRows[0] ?? 0,
        column: "Handle",
        message: `A product with the handle "${product.handle}" already exists; import with mode=update to replace it`,
      });
    }
  }
  if (errors.length > 0) {
    errors.sort((a, b) => a.row - b.row);
    throw new DomainError(
      "validation_failed",
      `The file has ${errors.length} problem(s); nothing was imported. Fix them and try again.`,
      {
        errors: errors.map((error) => ({
          path: `row ${error.row}${error.column ? `, ${error.column}` : ""}`,
          message: error.message,
        })),
        details: { rows: errors },
      },
    );
  }
  // Products the file replaces take no new room; only new ones count against the plan.
  const newCount = parsed.products.filter((product) => !existing.has(product.handle)).length;
  const used = await repos.products.count();
  assertRoom(deps, plan, "products", used, {
    allowed: plan.maxProducts,
    adding: newCount,
    lead: `This file adds ${newCount} new ${newCount === 1 ? "product" : "products"} to the ${used} in the shop; nothing was imported.`,
  });

  const now = deps.clock.now();
  let position = await repos.products.count();
  const creates: NewProduct[] = [];
  const changes: { current: Product; change: ProductChange }[] = [];
  for (const product of parsed.products) {
    const current = existing.get(product.handle);
    if (current) changes.push({ current, change: toChange(deps, product, current, shop.currency, now) });
    else creates.push(toNewProduct(deps, product, shop.currency, now, position++));
  }
  try {
    await repos.products.importMany(creates, changes, now);
  } catch (error) {
    // Another import (or an edit) took one of these handles between the check and the write.
    if (isUniqueViolation(error)) {
      throw new DomainError(
        "conflict",
        "Some of these products were just added by another import or edit; nothing was imported. Import again with mode=update.",
      );
    }
    throw error;
  }
  return {
    created: creates.length,
    updated: changes.length,
    // Photos are not fetched from other sites: the owner adds them from their phone.
    photosNotImported: parsed.products.reduce((total, product) => total + product.images.length, 0),
  };
}

function toVariantRows(deps: Deps, product: CsvProduct, currency: string, now: number, reuse: Map<string, string>) {
  return product.variants.map((variant, position) => ({
    id: reuse.get(JSON.stringify(variant.optionValues)) ?? deps.newId("variant"),
    optionValues: variant.optionValues,
    priceAmount: variant.price,
    compareAtAmount: variant.compareAtPrice,
    currency,
    sku: variant.sku,
    stock: variant.stock,
    position,
    createdAt: now,
    updatedAt: now,
  }));
}

function toOptionRows(deps: Deps, product: CsvProduct) {
  return product.options.map((option, position) => ({
    id: deps.newId("option"),
    name: option.name,
    values: option.values,
    position,
  }));
}

function toNewProduct(deps: Deps, product: CsvProduct, currency: string, now: number, position: number): NewProduct {
  return {
    id: deps.newId("product"),
    slug: product.handle,
    title: product.title,
    description: product.description,
    status: product.status,
    position,
    createdAt: now,
    updatedAt: now,
    options: toOptionRows(deps, product),
    variants: toVariantRows(deps, product, currency, now, new Map()),
  };
}

function toChange(deps: Deps, product: CsvProduct, current: Product, currency: string, now: number): ProductChange {
  const reuse = new Map(current.variants.map((variant) => [JSON.stringify(variant.optionValues), variant.id]));
  return {
    fields: { title: product.title, description: product.description, status: product.status },
    options: toOptionRows(deps, product),
    variants: toVariantRows(deps, product, currency, now, reuse),
  };
}
