// JSON-LD for product pages, shaped after Google's merchant listing, product snippet and product
// variant documentation (decision 032): a `Product` for a product without options, a `ProductGroup`
// with one `Product` per variant otherwise, each with an `Offer` carrying price, stock, condition,
// shipping and the return policy where the shop has set them.
import { parseGtin, toDecimalString } from "@stall/domain";
import { largestUrl } from "./picture.ts";
import type { Product, ShippingRate, Shop, Variant } from "./snapshot.ts";
import { absoluteUrl } from "./urls.ts";

const SCHEMA = "https://schema.org/";

const SCHEMA_AVAILABILITY: Record<Variant["availability"], string> = {
  in_stock: `${SCHEMA}InStock`,
  low_stock: `${SCHEMA}LimitedAvailability`,
  sold_out: `${SCHEMA}OutOfStock`,
};

const SCHEMA_CONDITION: Record<Product["condition"], string> = {
  new: `${SCHEMA}NewCondition`,
  used: `${SCHEMA}UsedCondition`,
  refurbished: `${SCHEMA}RefurbishedCondition`,
};

/**
 * Option names that mean one of the properties Google lets variants differ by, in the languages shops
 * write them in (en, zh-CN). An option not listed ("规格", "Flavour") stays out of `variesBy`: Google
 * accepts only these schema.org properties, and a wrong one would misdescribe the product.
 */
const VARIES_BY: Record<string, "size" | "color" | "material" | "pattern"> = {
  size: "size",
  sizes: "size",
  colour: "color",
  color: "color",
  colours: "color",
  colors: "color",
  material: "material",
  fabric: "material",
  pattern: "pattern",
  尺码: "size",
  尺寸: "size",
  大小: "size",
  颜色: "color",
  顏色: "color",
  材质: "material",
  材料: "material",
  面料: "material",
  图案: "pattern",
  花色: "pattern",
  花纹: "pattern",
};

export function variesByOf(optionName: string): "size" | "color" | "material" | "pattern" | undefined {
  return VARIES_BY[optionName.trim().toLowerCase()];
}

/**
 * Where a shop without its own list of return countries takes returns from: the countries it ships to,
 * else the country of its currency (the shop sells at home). Only currencies of one country are listed.
 */
const CURRENCY_COUNTRY: Record<string, string> = {
  AUD: "AU",
  CAD: "CA",
  CHF: "CH",
  CNY: "CN",
  GBP: "GB",
  HKD: "HK",
  IDR: "ID",
  INR: "IN",
  JPY: "JP",
  KRW: "KR",
  MXN: "MX",
  MYR: "MY",
  NZD: "NZ",
  PHP: "PH",
  SGD: "SG",
  THB: "TH",
  TWD: "TW",
  USD: "US",
  VND: "VN",
};

/** A price in minor units as schema.org wants it: a decimal string, never a float. */
export function decimalPrice(amount: number, currency: string): string {
  return toDecimalString({ amount, currency });
}

export type ProductJsonLdInput = {
  product: Product;
  /** The title and description in the page's language (plain text); the caller picks the language. */
  name: string;
  description: string;
  /** The page's canonical address. */
  url: string;
  shop: Pick<Shop, "name" | "url" | "currency" | "returnPolicy">;
  /** The shop's active shipping rates (the snapshot holds only active ones). */
  shippingRates: readonly ShippingRate[];
};

function shippingCountries(rates: readonly ShippingRate[]): string[] {
  return [...new Set(rates.flatMap((rate) => rate.countries).filter((country) => /^[A-Z]{2}$/.test(country)))];
}

/** One `OfferShippingDetails` per rate that names countries; free when this price reaches the rate's free-over. */
function shippingDetails(rates: readonly ShippingRate[], price: number) {
  return rates.flatMap((rate) => {
    // "*" (everywhere else) has no schema.org form: Google needs named countries.
    const countries = rate.countries.filter((country) => /^[A-Z]{2}$/.test(country));
    if (countries.length === 0) return [];
    const isFree = rate.freeOver !== null && price >= rate.freeOver;
    const hasDays = rate.minDays !== null || rate.maxDays !== null;
    return [
      {
        "@type": "OfferShippingDetails",
        shippingRate: {
          "@type": "MonetaryAmount",
          value: decimalPrice(isFree ? 0 : rate.price, rate.currency),
          currency: rate.currency,
        },
        shippingDestination: countries.map((country) => ({ "@type": "DefinedRegion", addressCountry: country })),
        ...(hasDays
          ? {
              deliveryTime: {
                "@type": "ShippingDeliveryTime",
                // The owner gives days from order to door; schema.org splits that into handling and transit,
                // so the whole span is given as transit time rather than inventing a handling time.
                transitTime: {
                  "@type": "QuantitativeValue",
                  minValue: rate.minDays ?? rate.maxDays,
                  maxValue: rate.maxDays ?? rate.minDays,
                  unitCode: "DAY",
                },
              },
            }
          : {}),
      },
    ];
  });
}

function returnPolicy(input: ProductJsonLdInput) {
  const policy = input.shop.returnPolicy;
  if (!policy) return undefined;
  const fallback = CURRENCY_COUNTRY[input.shop.currency];
  const countries =
    policy.countries.length > 0
      ? policy.countries
      : shippingCountries(input.shippingRates).length > 0
        ? shippingCountries(input.shippingRates)
        : fallback
          ? [fallback]
          : [];
  // Google requires applicableCountry; without one the policy is left out rather than guessed.
  if (countries.length === 0) return undefined;
  const applicableCountry = countries.length === 1 ? countries[0] : countries;
  if (!policy.isAccepted) {
    return {
      "@type": "MerchantReturnPolicy",
      applicableCountry,
      returnPolicyCategory: `${SCHEMA}MerchantReturnNotPermitted`,
    };
  }
  const methods = {
    by_mail: [`${SCHEMA}ReturnByMail`],
    in_store: [`${SCHEMA}ReturnInStore`],
    by_mail_or_in_store: [`${SCHEMA}ReturnByMail`, `${SCHEMA}ReturnInStore`],
  }[policy.method];
  return {
    "@type": "MerchantReturnPolicy",
    applicableCountry,
    ...(policy.days === null
      ? { returnPolicyCategory: `${SCHEMA}MerchantReturnUnlimitedWindow` }
      : { returnPolicyCategory: `${SCHEMA}MerchantReturnFiniteReturnWindow`, merchantReturnDays: policy.days }),
    returnMethod: methods.length === 1 ? methods[0] : methods,
    returnFees: policy.fees === "free" ? `${SCHEMA}FreeReturn` : `${SCHEMA}ReturnFeesCustomerResponsibility`,
  };
}

function variantUrl(productUrl: string, variantId: string): string {
  return `${productUrl}${productUrl.includes("?") ? "&" : "?"}variant=${encodeURIComponent(variantId)}`;
}

/** `sku` and the GTIN property its length calls for; a barcode that fails the check digit is left out. */
function identifiers(variant: Variant) {
  const gtin = parseGtin(variant.barcode);
  return {
    ...(variant.sku ? { sku: variant.sku } : {}),
    ...(gtin ? { [gtin.kind]: gtin.value } : {}),
  };
}

/**
 * JSON-LD for a product page. There is no `mpn`: Stall keeps no manufacturer part numbers. There is no
 * `priceValidUntil`: Stall's prices have no end date. A product without photos has no `image` (a logo
 * or drawn card is not a picture of the product, which Google's image guidelines ask for), so it can
 * show as a product snippet but not as a merchant listing until the owner adds a photo.
 */
export function productJsonLd(input: ProductJsonLdInput) {
  const { product, shop, url } = input;
  const images = product.photos
    .map((photo) => largestUrl(photo))
    .filter((address): address is string => address !== undefined)
    .map((address) => absoluteUrl(shop.url, address));
  const policy = returnPolicy(input);
  const brand = { "@type": "Brand", name: product.vendor.trim() || shop.name };
  const description = input.description ? { description: input.description } : {};
  const offerOf = (variant: Variant, offerUrl: string) => {
    const shipping = shippingDetails(input.shippingRates, variant.price);
    return {
      "@type": "Offer",
      url: offerUrl,
      price: decimalPrice(variant.price, shop.currency),
      priceCurrency: shop.currency,
      availability: variant.isBackordered ? `${SCHEMA}BackOrder` : SCHEMA_AVAILABILITY[variant.availability],
      itemCondition: SCHEMA_CONDITION[product.condition],
      ...(shipping.length > 0 ? { shippingDetails: shipping } : {}),
      ...(policy ? { hasMerchantReturnPolicy: policy } : {}),
      seller: { "@type": "Organization", name: shop.name },
    };
  };

  const [only] = product.variants;
  if (product.options.length === 0 && only && product.variants.length === 1) {
    return {
      "@context": "https://schema.org",
      "@type": "Product",
      name: input.name,
      url,
      ...description,
      ...(images.length > 0 ? { image: images } : {}),
      ...identifiers(only),
      brand,
      offers: offerOf(only, url),
    };
  }

  const varying = product.options.map((option) => variesByOf(option.name));
  const variesBy = [...new Set(varying.filter((property) => property !== undefined))];
  const groupId = product.id;
  return {
    "@context": "https://schema.org",
    "@type": "ProductGroup",
    name: input.name,
    url,
    ...description,
    ...(images.length > 0 ? { image: images } : {}),
    brand,
    productGroupID: groupId,
    ...(variesBy.length > 0 ? { variesBy: variesBy.map((property) => `${SCHEMA}${property}`) } : {}),
    hasVariant: product.variants.map((variant) => {
      const address = variantUrl(url, variant.id);
      const properties: Record<string, string> = {};
      varying.forEach((property, index) => {
        const value = variant.optionValues[index];
        if (property && value && !properties[property]) properties[property] = value;
      });
      return {
        "@type": "Product",
        name: variant.title ? `${input.name} (${variant.title})` : input.name,
        url: address,
        ...description,
        // Variant photos are not in the snapshot yet: every variant shows the product's main photo.
        ...(images[0] ? { image: images[0] } : {}),
        ...identifiers(variant),
        inProductGroupWithID: groupId,
        ...properties,
        offers: offerOf(variant, address),
      };
    }),
  };
}

/**
 * JSON for a `<script type="application/ld+json">`: `<` escaped so text from owners can never close
 * the script element.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
