import { isUniqueViolation, type NewProduct, type Product, type ProductChange, platform } from "@stall/db";
import { DomainError, fitsLimit } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import type { ShopAccess } from "../access.ts";
import { type PlacedProduct, photoImportPlan } from "../media/photo-import-plan.ts";
import { assertRoom, planOf } from "../plans/plan-room.ts";
import { type CsvProduct, type CsvRowError, MAX_PRODUCTS_PER_FILE, parseShopifyCsv } from "./shopify-csv.ts";

export type ImportMode = "create" | "update";

/** What became of one product of the file: its id, and its variants' ids by their photo's address. */
export type ImportedProduct = {
  productId: string;
  /** Photos in display order, as the file gives them (fetched later, not by this import). */
  images: CsvProduct["images"];
  /** Variant Image address -> the ids of the variants showing it. */
  variantIdsByImageUrl: Record<string, string[]>;
};

// A report lists this many warnings at most; the count says how many there were.
const MAX_WARNINGS = 200;

/**
 * Imports a product CSV (Shopify's format) all or nothing: every row is checked first, any problem is
 * reported with its row number and nothing is written; otherwise every product lands in one write.
 * With mode "update", a handle that already exists replaces that product (variants with the same
 * options keep their ids, so carts stay valid); with "create", an existing handle is a row error.
 * The answer reports what the file said that was not kept as written: columns nothing reads (by
 * name) and per-row warnings (a compare-at price at or below the price, say).
 */
export async function importProducts(deps: Deps, options: { access: ShopAccess; csv: string; mode: ImportMode }) {
  const { access, mode } = options;
  const { repos, shop } = access;
  const plan = await planOf(deps, shop);
  const parsed = parseShopifyCsv(options.csv, {
    currency: shop.currency,
    maxProducts: MAX_PRODUCTS_PER_FILE,
    locales: shop.extraLocales,
  });
  const fileLocales = parsed.translatedLocales;
  const errors = [...parsed.errors];

  const existing = new Map<string, Product>();
  const found = await repos.products.findBySlugs(parsed.products.map((product) => product.handle));
  for (const product of parsed.products) {
    const current = found.get(product.handle);
    if (current) existing.set(product.handle, current);
    if (current && mode === "create") {
      errors.push({
        row: product.sourceRows[0] ?? 0,
        column: "Handle",
        message: `A product with the handle "${product.handle}" already exists; import with mode=update to replace it`,
      });
    }
  }
  if (errors.length > 0) throw rowErrors(errors);
  // Products the file replaces take no new room; only new ones count against the plan.
  const newCount = parsed.products.filter((product) => !existing.has(product.handle)).length;
  const used = await repos.products.count();
  if (!fitsLimit(plan.maxProducts, used, newCount)) {
    const refusal = await tooMany(deps, newCount, used, plan.maxProducts);
    assertRoom(deps, plan, "products", used, { allowed: plan.maxProducts, adding: newCount, ...refusal });
  }

  const now = deps.clock.now();
  let position = used;
  const creates: NewProduct[] = [];
  const changes: { current: Product; change: ProductChange }[] = [];
  const imported: ImportedProduct[] = [];
  const placed: PlacedProduct[] = [];
  for (const product of parsed.products) {
    const current = existing.get(product.handle);
    if (current) {
      const change = toChange(deps, product, current, { currency: shop.currency, now, fileLocales });
      changes.push({ current, change });
      imported.push(importedProduct(product, current.id, change.variants ?? []));
      placed.push({ product, productId: current.id, variantIds: (change.variants ?? []).map((v) => v.id) });
    } else {
      const created = toNewProduct(deps, product, shop.currency, now, position++);
      creates.push(created);
      imported.push(importedProduct(product, created.id, created.variants));
      placed.push({ product, productId: created.id, variantIds: created.variants.map((v) => v.id) });
    }
  }
  // Photos are fetched in the background (decision 030); the job lands in the same write as the products.
  const photos = photoImportPlan(deps, { placed, created: creates.length, updated: changes.length, now });
  try {
    await repos.products.importMany(
      creates,
      changes,
      now,
      repos.photoImports.createStatements(photos.job, photos.items),
    );
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
  // The products are written; `imported` has each product's id, its photos in order and its variants'
  // ids by photo address: everything a photo job needs to fetch them and attach each where it belongs.
  return {
    created: creates.length,
    updated: changes.length,
    // Every photo address is queued; the job's page says which arrived and which could not be fetched.
    photosNotImported: 0,
    photoImport: { id: photos.job.id, photosQueued: photos.items.length },
    report: {
      columnsNotKept: parsed.columnsNotKept,
      warningCount: parsed.warnings.length,
      warnings: parsed.warnings.slice(0, MAX_WARNINGS),
    },
  };
}

function rowErrors(errors: CsvRowError[]): DomainError {
  errors.sort((a, b) => a.row - b.row);
  return new DomainError(
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

/**
 * What the refusal says before the plan's own words, and the figures a page needs to say it in
 * another language: how many the file adds, how many fit per part, and the smallest plan that takes
 * the whole file (when the platform has one).
 */
async function tooMany(deps: Deps, adding: number, used: number, allowed: number) {
  const room = Math.max(0, allowed - used);
  const products = (count: number) => `${count} ${count === 1 ? "product" : "products"}`;
  const plans = await platform(deps.database.db).plans.listWithShopCounts();
  const bigger = plans
    .filter((plan) => plan.maxProducts >= used + adding)
    .sort((a, b) => a.maxProducts - b.maxProducts)[0];
  const lead = [
    `This file adds ${adding} new ${adding === 1 ? "product" : "products"} to the ${used} in the shop; nothing was imported.`,
    room > 0 ? `Split the file so each part adds at most ${products(room)}, and import the parts one by one.` : "",
    bigger ? `The ${bigger.name} plan allows ${products(bigger.maxProducts)}, enough for the whole file.` : "",
  ]
    .filter(Boolean)
    .join(" ");
  return {
    lead,
    details: {
      adding,
      room,
      ...(bigger ? { planForFile: { name: bigger.name, maxProducts: bigger.maxProducts } } : {}),
    },
  };
}

function importedProduct(product: CsvProduct, productId: string, variantRows: { id: string }[]): ImportedProduct {
  const variantIdsByImageUrl: Record<string, string[]> = {};
  product.variants.forEach((variant, index) => {
    const id = variantRows[index]?.id;
    if (!variant.imageUrl || !id) return;
    variantIdsByImageUrl[variant.imageUrl] = [...(variantIdsByImageUrl[variant.imageUrl] ?? []), id];
  });
  return { productId, images: product.images, variantIdsByImageUrl };
}

function toVariantRows(deps: Deps, product: CsvProduct, currency: string, now: number, reuse: Map<string, string>) {
  return product.variants.map((variant, position) => ({
    id: reuse.get(JSON.stringify(variant.optionValues)) ?? deps.newId("variant"),
    optionValues: variant.optionValues,
    priceAmount: variant.price,
    compareAtAmount: variant.compareAtPrice,
    costAmount: variant.cost,
    currency,
    sku: variant.sku,
    barcode: variant.barcode,
    stock: variant.stock,
    isSoldWhenOutOfStock: variant.isSoldWhenOutOfStock,
    weightGrams: variant.weightGrams,
    weightUnit: variant.weightUnit,
    isTaxable: variant.isTaxable,
    requiresShipping: variant.requiresShipping,
    position,
    createdAt: now,
    updatedAt: now,
  }));
}

function toOptionRows(deps: Deps, product: CsvProduct, current?: Product, fileLocales: string[] = []) {
  return product.options.map((option, position) => {
    // Words for languages the file does not carry stay as they were (matched by the option's name).
    const kept = current?.options.find((candidate) => candidate.name === option.name)?.translations ?? {};
    const translations = withoutLocales(kept, fileLocales);
    for (const [locale, entry] of Object.entries(product.translations ?? {})) {
      const words = entry.options?.[position];
      if (words && (words.name || words.values)) translations[locale] = words;
    }
    return { id: deps.newId("option"), name: option.name, values: option.values, position, translations };
  });
}

/** The product's words by language: the file's for the languages it carries, the rest as they were. */
function productTranslations(product: CsvProduct, kept: Product["translations"], fileLocales: string[]) {
  const translations = withoutLocales(kept, fileLocales);
  for (const [locale, { options: _options, ...fields }] of Object.entries(product.translations ?? {})) {
    if (Object.keys(fields).length > 0) translations[locale] = fields;
  }
  return translations;
}

function withoutLocales<T>(translations: Record<string, T>, locales: string[]): Record<string, T> {
  return Object.fromEntries(Object.entries(translations).filter(([locale]) => !locales.includes(locale)));
}

/** The product's own fields, as the file gives them. */
function productFields(product: CsvProduct) {
  return {
    title: product.title,
    description: product.description,
    status: product.status,
    vendor: product.vendor,
    productType: product.productType,
    productCategory: product.productCategory,
    tags: product.tags,
    seoTitle: product.seoTitle,
    seoDescription: product.seoDescription,
    condition: product.condition,
    isGiftCard: product.isGiftCard,
    metafields: product.metafields,
  };
}

function toNewProduct(deps: Deps, product: CsvProduct, currency: string, now: number, position: number) {
  return {
    id: deps.newId("product"),
    slug: product.handle,
    ...productFields(product),
    translations: productTranslations(product, {}, []),
    position,
    createdAt: now,
    updatedAt: now,
    options: toOptionRows(deps, product),
    variants: toVariantRows(deps, product, currency, now, new Map()),
  } satisfies NewProduct;
}

function toChange(
  deps: Deps,
  product: CsvProduct,
  current: Product,
  options: { currency: string; now: number; fileLocales: string[] },
): ProductChange {
  const reuse = new Map(current.variants.map((variant) => [JSON.stringify(variant.optionValues), variant.id]));
  return {
    fields: {
      ...productFields(product),
      translations: productTranslations(product, current.translations, options.fileLocales),
    },
    options: toOptionRows(deps, product, current, options.fileLocales),
    variants: toVariantRows(deps, product, options.currency, options.now, reuse),
  };
}
