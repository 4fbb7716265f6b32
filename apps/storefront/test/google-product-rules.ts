// Google's documented requirements for product rich results, as lists, and a checker over a page's
// JSON-LD. Encoded from Google Search Central (read 2026-12-03):
// - "Merchant listing (Product, Offer) structured data":
//   https://developers.google.com/search/docs/appearance/structured-data/merchant-listing
// - "Product snippet (Product, Review, Offer) structured data":
//   https://developers.google.com/search/docs/appearance/structured-data/product-snippet
// - "Product variant structured data (ProductGroup, Product)":
//   https://developers.google.com/search/docs/appearance/structured-data/product-variants
// When Google changes a page, change the lists here and the reasons in decision 032.

type Json = Record<string, unknown>;

/** Merchant listings: what a `Product` (or each variant of a `ProductGroup`) must and should have. */
export const MERCHANT_LISTING = {
  product: {
    required: ["name", "image", "offers"],
    recommended: [
      "aggregateRating",
      "audience",
      "brand",
      "color",
      "description",
      "gtin",
      "hasCertification",
      "inProductGroupWithID",
      "isVariantOf",
      "material",
      "mpn",
      "pattern",
      "review",
      "size",
      "sku",
    ],
  },
  offer: {
    required: ["price", "priceCurrency"],
    recommended: ["availability", "hasMerchantReturnPolicy", "itemCondition", "shippingDetails", "priceValidUntil"],
  },
  /** Inside `shippingDetails` and `hasMerchantReturnPolicy`, when given. */
  shipping: { required: ["shippingRate", "shippingDestination"], recommended: ["deliveryTime"] },
  returns: {
    required: ["applicableCountry", "returnPolicyCategory"],
    recommended: ["merchantReturnDays", "returnMethod", "returnFees"],
  },
} as const;

/** Product snippets: only a name and one of offers, review or aggregateRating are required. */
export const PRODUCT_SNIPPET = {
  product: { required: ["name"], oneOf: ["offers", "review", "aggregateRating"] },
  offer: { required: ["price"], recommended: ["availability", "priceCurrency", "priceValidUntil"] },
} as const;

/** Product variants: the group's properties; each variant is checked as a product above. */
export const PRODUCT_GROUP = {
  required: ["name"],
  recommended: ["aggregateRating", "brand", "description", "hasVariant", "productGroupID", "review", "url", "variesBy"],
  variesBy: [
    "https://schema.org/color",
    "https://schema.org/material",
    "https://schema.org/pattern",
    "https://schema.org/size",
    "https://schema.org/suggestedAge",
    "https://schema.org/suggestedGender",
  ],
} as const;

/**
 * Recommended properties Stall never gives, and why (decision 032). Every other recommended property
 * must be on every product page of a shop that has set what it comes from.
 */
export const NOT_HELD: Record<string, string> = {
  aggregateRating: "Stall has no reviews or ratings",
  review: "Stall has no reviews or ratings",
  audience: "Stall records no audience (age, gender) for a product",
  hasCertification: "Stall records no certifications (energy labels)",
  mpn: "Stall keeps no manufacturer part numbers",
  priceValidUntil: "Stall's prices have no end date; Google asks for it only when a price ends",
  isVariantOf: "variants are nested in their ProductGroup's hasVariant, which Google accepts instead",
  // Only the ones an option maps to are given (see variesBy); a product varies by one or two at most.
  color: "given when an option is a colour",
  material: "given when an option is a material",
  pattern: "given when an option is a pattern",
  size: "given when an option is a size",
  gtin: "given (as gtin8/12/13/14) when a variant has a barcode whose check digit is right",
};

/** Google's ItemAvailability values for merchant listings. */
const AVAILABILITY = [
  "BackOrder",
  "Discontinued",
  "InStock",
  "InStoreOnly",
  "LimitedAvailability",
  "MadeToOrder",
  "OnlineOnly",
  "OutOfStock",
  "PreOrder",
  "PreSale",
  "SoldOut",
].map((value) => `https://schema.org/${value}`);

const CONDITION = ["NewCondition", "UsedCondition", "RefurbishedCondition", "DamagedCondition"].map(
  (value) => `https://schema.org/${value}`,
);

const GTIN_KEYS = ["gtin", "gtin8", "gtin12", "gtin13", "gtin14"];

const isAbsolute = (value: unknown) => typeof value === "string" && /^https?:\/\/[^/]+\//.test(value);
const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

function missing(node: Json, keys: readonly string[], where: string): string[] {
  return keys.filter((key) => node[key] === undefined || node[key] === "").map((key) => `${where}: no ${key}`);
}

/** The recommended properties a node lacks that Stall does not explain in NOT_HELD. */
function unexplained(node: Json, keys: readonly string[], where: string): string[] {
  return keys
    .filter((key) => !(key in NOT_HELD))
    .filter((key) => node[key] === undefined)
    .map((key) => `${where}: recommended ${key} missing`);
}

function checkOffer(offer: Json, where: string, isMerchantListing: boolean): string[] {
  const problems = [
    ...missing(offer, isMerchantListing ? MERCHANT_LISTING.offer.required : PRODUCT_SNIPPET.offer.required, where),
    ...unexplained(offer, MERCHANT_LISTING.offer.recommended, where),
  ];
  if (typeof offer.price !== "string" || !/^\d+(\.\d+)?$/.test(offer.price) || Number(offer.price) <= 0) {
    problems.push(`${where}: price ${JSON.stringify(offer.price)} is not a decimal above zero`);
  }
  if (typeof offer.priceCurrency !== "string" || !/^[A-Z]{3}$/.test(offer.priceCurrency)) {
    problems.push(`${where}: priceCurrency is not ISO 4217`);
  }
  if (!AVAILABILITY.includes(String(offer.availability))) problems.push(`${where}: availability not Google's`);
  if (!CONDITION.includes(String(offer.itemCondition))) problems.push(`${where}: itemCondition not schema.org's`);
  if (!isAbsolute(offer.url)) problems.push(`${where}: offer url not absolute`);
  for (const [index, detail] of asList(offer.shippingDetails).entries()) {
    const node = detail as Json;
    problems.push(...missing(node, MERCHANT_LISTING.shipping.required, `${where}.shippingDetails[${index}]`));
    for (const region of asList(node.shippingDestination)) {
      if (!/^[A-Z]{2}$/.test(String((region as Json).addressCountry))) {
        problems.push(`${where}.shippingDetails[${index}]: a destination without a country code`);
      }
    }
  }
  if (offer.hasMerchantReturnPolicy !== undefined) {
    const policy = offer.hasMerchantReturnPolicy as Json;
    problems.push(...missing(policy, MERCHANT_LISTING.returns.required, `${where}.hasMerchantReturnPolicy`));
    if (
      policy.returnPolicyCategory === "https://schema.org/MerchantReturnFiniteReturnWindow" &&
      !(Number(policy.merchantReturnDays) > 0)
    ) {
      problems.push(`${where}: a finite return window without merchantReturnDays`);
    }
  }
  return problems;
}

/**
 * Checks one sellable product node (a `Product`, or a variant in a group). Without an image it is held
 * to the product snippet rules (Google requires image only for merchant listings).
 */
function checkProduct(product: Json, where: string, inherited: Json = {}): string[] {
  const node = { ...inherited, ...product };
  const isMerchantListing = node.image !== undefined;
  const problems = isMerchantListing
    ? missing(node, MERCHANT_LISTING.product.required, where)
    : [
        ...missing(node, PRODUCT_SNIPPET.product.required, where),
        ...(PRODUCT_SNIPPET.product.oneOf.some((key) => node[key] !== undefined)
          ? []
          : [`${where}: none of ${PRODUCT_SNIPPET.product.oneOf.join(", ")}`]),
      ];
  problems.push(
    ...unexplained(
      node,
      MERCHANT_LISTING.product.recommended.filter((key) => key !== "inProductGroupWithID" || inherited.productGroupID),
      where,
    ),
  );
  for (const image of asList(node.image)) if (!isAbsolute(image)) problems.push(`${where}: image not absolute`);
  if (GTIN_KEYS.filter((key) => node[key] !== undefined).length > 1) problems.push(`${where}: more than one GTIN`);
  const offers = asList(node.offers) as Json[];
  if (offers.length === 0) problems.push(`${where}: no offers`);
  offers.forEach((offer, index) => {
    problems.push(...checkOffer(offer, `${where}.offers[${index}]`, isMerchantListing));
  });
  return problems;
}

/** Every problem Google's documented rules find in a product page's JSON-LD; empty when it passes. */
export function googleProductProblems(data: Json): string[] {
  if (data["@context"] !== "https://schema.org") return ["@context is not https://schema.org"];
  if (data["@type"] === "Product") return checkProduct(data, "Product");
  if (data["@type"] !== "ProductGroup") return [`@type ${String(data["@type"])} is neither Product nor ProductGroup`];
  const problems = [
    ...missing(data, PRODUCT_GROUP.required, "ProductGroup"),
    ...unexplained(data, PRODUCT_GROUP.recommended, "ProductGroup").filter(
      (line) => !line.endsWith("variesBy missing"),
    ),
  ];
  const variesBy = asList(data.variesBy).map(String);
  for (const property of variesBy) {
    if (!(PRODUCT_GROUP.variesBy as readonly string[]).includes(property)) {
      problems.push(`ProductGroup: variesBy ${property} is not one Google takes`);
    }
  }
  const variants = asList(data.hasVariant) as Json[];
  if (variants.length === 0) problems.push("ProductGroup: no hasVariant");
  // A variant inherits the group's shared properties (brand, description) as Google's examples show.
  const shared = { brand: data.brand, description: data.description, productGroupID: data.productGroupID };
  variants.forEach((variant, index) => {
    const where = `hasVariant[${index}]`;
    problems.push(...checkProduct(variant, where, shared));
    if (variant.inProductGroupWithID !== data.productGroupID) problems.push(`${where}: not in the group's id`);
    for (const property of variesBy) {
      const key = property.replace("https://schema.org/", "");
      if (variant[key] === undefined) problems.push(`${where}: varies by ${key} but has none`);
    }
  });
  return problems;
}
