import type { Deps } from "../../deps.ts";
import { signPreviewToken } from "../../security/preview-token.ts";
import type { ShopAccess } from "../access.ts";
import { storefrontUrl } from "../storefront/get-snapshot.ts";

/** A link that shows the shop as shoppers will see it, before it is published. */
export function createPreviewLink(deps: Deps, options: { access: ShopAccess }) {
  const expiresAt = deps.clock.now() + deps.config.previewTtlMs;
  const token = signPreviewToken(deps.config.secretKey, options.access.shop.id, expiresAt);
  return { url: `${storefrontUrl(deps, options.access.shop.slug)}/?preview=${encodeURIComponent(token)}`, expiresAt };
}
