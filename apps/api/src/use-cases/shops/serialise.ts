import type { ShopRow } from "@stall/db";

/** The shop as the owner's tools see it. Counters and provider ids stay inside. */
export function toShopResponse(
  shop: ShopRow,
  rootDomain: string,
  storefrontPort: number,
  /** For the owner's dashboard: where to appeal, and the time that decides whether support access is on. */
  extra: { appealEmail: string; now: number } = { appealEmail: "", now: 0 },
) {
  const portSuffix = rootDomain === "localhost" ? `:${storefrontPort}` : "";
  const scheme = rootDomain === "localhost" ? "http" : "https";
  return {
    id: shop.id,
    slug: shop.slug,
    name: shop.name,
    url: `${scheme}://${shop.slug}.${rootDomain}${portSuffix}`,
    status: shop.status,
    statusReason: shop.status === "active" ? null : shop.statusReason,
    statusChangedAt: shop.statusChangedAt,
    appealEmail: extra.appealEmail,
    supportAccessUntil:
      shop.supportAccessUntil !== null && shop.supportAccessUntil > extra.now ? shop.supportAccessUntil : null,
    isPublished: shop.isPublished,
    publishedAt: shop.publishedAt,
    planId: shop.planId,
    currency: shop.currency,
    locale: shop.locale,
    extraLocales: shop.extraLocales,
    tagline: shop.tagline,
    contactEmail: shop.contactEmail,
    contactPhone: shop.contactPhone,
    address: shop.address,
    themePreset: shop.themePreset,
    themeTokens: shop.themeTokens,
    logoMediaId: shop.logoMediaId,
    socialLinks: shop.socialLinks,
    policies: shop.policies,
    paymentMethods: shop.paymentMethods,
    bankTransferInstructions: shop.bankTransferInstructions,
    isPaused: shop.isPaused,
    pauseMessage: shop.pauseMessage,
    deletionDueAt: shop.deletionDueAt,
    stripe: { isConnected: shop.stripeAccountId !== null, chargesEnabled: shop.stripeChargesEnabled },
    storageUsedBytes: shop.storageUsedBytes,
    version: shop.version,
    createdAt: shop.createdAt,
    updatedAt: shop.updatedAt,
  };
}
export type ShopResponse = ReturnType<typeof toShopResponse>;
