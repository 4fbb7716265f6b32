// The published snapshot as the storefront reads it (GET /v1/storefront/{host}/snapshot). Only the
// fields the storefront uses are named; test/snapshot-contract.test.ts checks the API's own type
// still fits this one, so a change on either side fails the typecheck rather than a page.

import type { Locale } from "./i18n.ts";

export type { Locale };
export type Availability = "in_stock" | "low_stock" | "sold_out";
export type ImageFormat = "avif" | "webp" | "jpeg";

export type Rendition = {
  format: ImageFormat | (string & {});
  width: number;
  height: number;
  bytes: number;
  url: string;
};

export type Photo = { id: string; alt: string; width: number; height: number; renditions: Rendition[] };

export type ThemeTokens = {
  accent?: string | undefined;
  background?: string | undefined;
  text?: string | undefined;
  radius?: "none" | "small" | "large" | undefined;
  density?: "cosy" | "roomy" | undefined;
};

export type ThemePreset = "market" | "studio" | "kitchen";

export type Variant = {
  id: string;
  optionValues: string[];
  title: string;
  price: number;
  compareAtPrice: number | null;
  availability: Availability;
  stockLeft: number | null;
};

export type Product = {
  id: string;
  slug: string;
  title: string;
  descriptionHtml: string;
  options: { name: string; values: string[] }[];
  variants: Variant[];
  photos: Photo[];
  updatedAt: number;
};

export type Collection = {
  id: string;
  slug: string;
  title: string;
  description: string;
  isFeatured: boolean;
  productIds: string[];
};

export type ContentPage = { slug: string; title: string; html: string };

export type Shop = {
  id: string;
  slug: string;
  url: string;
  name: string;
  tagline: string;
  status: "active" | "suspended" | "closed";
  locale: Locale;
  extraLocales: Locale[];
  currency: string;
  contactEmail: string | null;
  contactPhone: string | null;
  address: string | null;
  themePreset: ThemePreset;
  themeTokens: ThemeTokens;
  logo: Photo | null;
  socialLinks: { label: string; url: string }[];
};

export type Snapshot = {
  version: number;
  shop: Shop;
  products: Product[];
  collections: Collection[];
  pages: ContentPage[];
  productRedirects: Record<string, string>;
};
