// The onboarding: 5 screens from the sign-up form to a shop that can take an order.

/** Sign up, shop name, first product, collect and pay, open the shop. */
export const SETUP_TOTAL = 5;

export type SetupStep = "product" | "collect" | "publish" | "done";

/**
 * Which onboarding screen a shop is at, worked out from what the shop already has, so a reload or a
 * dropped connection always lands on the right screen and nothing typed before is asked again.
 */
export function setupStepOf(state: {
  productCount: number;
  pickupPointCount: number;
  paymentMethods: readonly string[];
  isPublished: boolean;
}): SetupStep {
  if (state.productCount === 0) return "product";
  if (state.pickupPointCount === 0 || state.paymentMethods.length === 0) return "collect";
  if (!state.isPublished) return "publish";
  return "done";
}

export const SETUP_PATHS: Record<SetupStep, (shopId: string) => string> = {
  product: (shopId) => `/shops/${shopId}/setup/product`,
  collect: (shopId) => `/shops/${shopId}/setup/collect`,
  publish: (shopId) => `/shops/${shopId}/setup/publish`,
  done: (shopId) => `/shops/${shopId}/share`,
};
