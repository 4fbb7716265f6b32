// What the products pages share with the onboarding's product screen: storing a photo, and reading
// the owner's "sizes and colours" the way they type them.
import type { ApiClient, components } from "@stall/api-client";
import { problemOf } from "./api.ts";

export type Product = components["schemas"]["Product"];
export type ProductStatus = Product["status"];
export const PRODUCT_STATUSES: readonly ProductStatus[] = ["active", "draft", "archived"];

export function isProductStatus(value: string | null | undefined): value is ProductStatus {
  return PRODUCT_STATUSES.includes(value as ProductStatus);
}

/**
 * Stores a photo through the API's media route (multipart, passed on as it came) and answers its id,
 * or "too_big" / "refused" so the page can say which.
 */
export async function uploadPhoto(
  api: ApiClient,
  shopId: string,
  file: File,
  alt: string,
): Promise<{ id: string } | { refusal: "too_big" | "refused" }> {
  const upload = new FormData();
  upload.set("file", file);
  upload.set("alt", alt);
  const result = await api.POST("/v1/shops/{shopId}/media", {
    params: { path: { shopId } },
    // The generated types describe the JSON shape of the form; the body is sent as multipart as is.
    body: upload as unknown as { file?: string; alt?: string },
    bodySerializer: (body) => body as unknown as FormData,
  });
  const problem = problemOf(result);
  if (result.data) return { id: result.data.id };
  return { refusal: problem?.status === 413 ? "too_big" : "refused" };
}

/** The posted file, or undefined when none was chosen. */
export function chosenFile(form: FormData | undefined, name: string): File | undefined {
  const file = form?.get(name);
  return file instanceof File && file.size > 0 ? file : undefined;
}

/** "Small, Medium，大、 Large" → ["Small", "Medium", "大", "Large"]: commas of either script, no repeats. */
export function splitChoices(input: string): string[] {
  const seen = new Set<string>();
  for (const part of input.split(/[,，、]/)) {
    const choice = part.trim();
    if (choice) seen.add(choice);
  }
  return [...seen];
}

/** The smallest rendition of a product's first photo, for the list: a phone on one bar of signal. */
export function thumbnailOf(product: Product): { url: string; width: number; height: number } | undefined {
  const renditions = product.photos[0]?.renditions ?? [];
  const jpegs = renditions.filter((item) => item.format === "jpeg");
  const pool = jpegs.length > 0 ? jpegs : renditions;
  return [...pool].sort((a, b) => a.width - b.width)[0];
}

/** The product's variants as PATCH takes them back, with one variant's count changed. */
export function variantsWithStock(product: Product, variantId: string, stock: number | null) {
  return product.variants.map((variant) => ({
    id: variant.id,
    optionValues: variant.optionValues,
    price: variant.price,
    compareAtPrice: variant.compareAtPrice,
    sku: variant.sku,
    stock: variant.id === variantId ? stock : variant.stock,
  }));
}
