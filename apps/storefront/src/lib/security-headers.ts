import { inlineBlocks, RESOURCE_POLICY, pagePolicy as strictPagePolicy } from "@stall/http-edge";

export { inlineBlocks, RESOURCE_POLICY };

/**
 * The Content-Security-Policy for a page: nothing by default; scripts from the shop's origin plus the
 * exact inline blocks the page was rendered with (by hash), so injected markup cannot run or restyle;
 * images from the shop (which proxies photos) and the API; fetches to the shop only; forms to the shop,
 * plus `formActionOrigins` for a page whose form post may be redirected on (browsers check form-action
 * on every redirect of a form submission: the checkout's 303 to the payment page).
 */
export function pagePolicy(html: string, imageOrigins: string[] = [], formActionOrigins: string[] = []): string {
  return strictPagePolicy(html, { imageOrigins, formActionOrigins });
}
