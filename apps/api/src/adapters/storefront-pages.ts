// The storefront as the API sees it for an owner's export: the real storefront renders each page of
// the saved copy (decision 025), asked over loopback with the shared STOREFRONT_SECRET.
import { STATIC_COPY_HEADERS, STATIC_COPY_ROUTE } from "@stall/domain";

export type StorefrontPage =
  | { kind: "page"; html: string }
  | { kind: "missing" }
  | { kind: "unavailable"; reason: string };

export type StorefrontPages = {
  /** One page of a shop, rendered for opening from disk; `previewToken` opens an unpublished shop. */
  render(request: { host: string; path: string; previewToken?: string | undefined }): Promise<StorefrontPage>;
};

export function createStorefrontPages(options: {
  baseUrl: string;
  secret: string;
  timeoutMs?: number;
}): StorefrontPages {
  const base = options.baseUrl.replace(/\/+$/, "");
  return {
    async render({ host, path, previewToken }) {
      if (!options.secret) return { kind: "unavailable", reason: "STOREFRONT_SECRET is not set" };
      try {
        const response = await fetch(`${base}${STATIC_COPY_ROUTE}${path}`, {
          headers: {
            [STATIC_COPY_HEADERS.secret]: options.secret,
            [STATIC_COPY_HEADERS.host]: host,
            ...(previewToken ? { [STATIC_COPY_HEADERS.preview]: previewToken } : {}),
          },
          redirect: "manual",
          signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
        });
        if (response.status === 404) {
          await response.body?.cancel();
          return { kind: "missing" };
        }
        if (!response.ok) {
          await response.body?.cancel();
          return { kind: "unavailable", reason: `the storefront answered ${response.status} for ${path}` };
        }
        return { kind: "page", html: await response.text() };
      } catch (error) {
        return { kind: "unavailable", reason: `the storefront at ${base} could not be reached (${String(error)})` };
      }
    },
  };
}
