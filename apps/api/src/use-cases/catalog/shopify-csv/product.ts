// A product as the CSV carries it, the same shape in (import) and out (export), so a round trip can be
// checked by comparing two of them.

export const WEIGHT_UNITS = ["g", "kg", "lb", "oz"] as const;
export type WeightUnit = (typeof WEIGHT_UNITS)[number];
export const CONDITIONS = ["new", "used", "refurbished"] as const;
export type Condition = (typeof CONDITIONS)[number];

export type CsvImage = { url: string; alt: string };

export type CsvVariant = {
  optionValues: string[];
  /** Minor units of the shop's currency, like every amount below. */
  price: number;
  compareAtPrice: number | null;
  cost: number | null;
  sku: string | null;
  barcode: string | null;
  /** Stock when tracked; null when sold without counting. */
  stock: number | null;
  /** Shopify's inventory policy "continue": keep selling when the count reaches 0. */
  isSoldWhenOutOfStock: boolean;
  weightGrams: number | null;
  weightUnit: WeightUnit | null;
  isTaxable: boolean;
  requiresShipping: boolean;
  /** The variant's own photo (Shopify's Variant Image): one of the product's images, by address. */
  imageUrl: string | null;
};

/** A product's words in another language; option values lined up with the option's (empty: none). */
export type CsvTranslation = {
  title?: string;
  description?: string;
  seoTitle?: string;
  seoDescription?: string;
  options?: { name?: string; values?: string[] }[];
};

export type CatalogueProduct = {
  handle: string;
  title: string;
  description: string;
  status: "draft" | "active" | "archived";
  vendor: string;
  productType: string;
  productCategory: string;
  tags: string[];
  seoTitle: string;
  seoDescription: string;
  condition: Condition;
  isGiftCard: boolean;
  /** Metafield values by their column's name, exported back under the same name. */
  metafields: Record<string, string>;
  options: { name: string; values: string[] }[];
  variants: CsvVariant[];
  /** Photos in display order (Image Position), each once, with their alt text (Image Alt Text). */
  images: CsvImage[];
  /** By language, for the shop's other languages; absent when there are none. */
  translations?: Record<string, CsvTranslation>;
};
