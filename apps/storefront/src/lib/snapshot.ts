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

export type PaymentMethod = "stripe" | "pay_at_pickup" | "cash_on_delivery" | "bank_transfer";
export type FulfilmentType = "pickup" | "delivery" | "shipping";

/** Opening hours by weekday (0 = Sunday), times "HH:MM" in the shop's own time. */
export type OpeningHours = { day: number; opens: string; closes: string }[];

export type PickupPoint = { id: string; name: string; address: string; hours: OpeningHours; instructions: string };

export type DeliveryArea = {
  id: string;
  name: string;
  description: string;
  fee: number;
  minimumOrder: number;
  freeOver: number | null;
  /** Weekdays deliveries go out (0 = Sunday). */
  deliveryDays: number[];
};

export type ShippingRate = {
  id: string;
  name: string;
  /** Two-letter country codes; "*" for everywhere else. */
  countries: string[];
  price: number;
  freeOver: number | null;
  minDays: number | null;
  maxDays: number | null;
};

export type TaxSettings = { mode: "included" | "added" | "none"; rate: number; label: string };

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
  /** The ways to pay the shop takes (Stripe only while its account can take charges). */
  paymentMethods: PaymentMethod[];
  bankTransferInstructions: string | null;
};

export type Snapshot = {
  version: number;
  shop: Shop;
  products: Product[];
  collections: Collection[];
  pages: ContentPage[];
  productRedirects: Record<string, string>;
  pickupPoints: PickupPoint[];
  deliveryAreas: DeliveryArea[];
  shippingRates: ShippingRate[];
  tax: TaxSettings;
};
