// What the products pages share with the onboarding's product screen: storing photos through the API,
// plus (re-exported) the pure parts in product-form.ts.
import type { ApiClient, ApiProblem } from "@stall/api-client";
import { problemOf } from "./api.ts";

export * from "./product-form.ts";

/**
 * Stores a photo through the API's media route (multipart, passed on as it came) and answers its id,
 * or "too_big" / "refused" so the page can say which (with the API's problem: a plan limit is said in
 * the page's words by plan-limit.ts).
 */
export async function uploadPhoto(
  api: ApiClient,
  shopId: string,
  file: File,
  alt: string,
): Promise<{ id: string } | { refusal: "too_big" | "refused"; problem?: ApiProblem }> {
  const upload = new FormData();
  upload.set("file", file);
  upload.set("alt", alt);
  const result = await api.POST("/v1/shops/{shopId}/media", {
    params: { path: { shopId } },
    // The generated types describe the JSON shape of the form; the body is sent as multipart as is.
    body: upload as unknown as { file?: string; alt?: string },
    bodySerializer: (body) => body as unknown as FormData,
  });
  const problem = problemOf(result);
  if (result.data) return { id: result.data.id };
  return { refusal: problem?.status === 413 ? "too_big" : "refused", ...(problem ? { problem } : {}) };
}

/**
 * Stores several photos one after another (a phone's upload is the slow part, not the API); answers the
 * ids stored and the first refusal, so the photos that worked are kept even when one did not.
 */
export async function uploadPhotos(
  api: ApiClient,
  shopId: string,
  files: File[],
  alt: string,
): Promise<{ ids: string[]; refusal?: "too_big" | "refused"; problem?: ApiProblem }> {
  const ids: string[] = [];
  let refused: { refusal: "too_big" | "refused"; problem?: ApiProblem } | undefined;
  for (const file of files) {
    const stored = await uploadPhoto(api, shopId, file, alt);
    if ("id" in stored) ids.push(stored.id);
    else refused ??= stored;
  }
  return refused ? { ids, ...refused } : { ids };
}

/** Every file posted under the name (a multiple file field), empty ones dropped. */
export function chosenFiles(form: FormData | undefined, name: string): File[] {
  return (form?.getAll(name) ?? []).filter((file): file is File => file instanceof File && file.size > 0);
}

/** The posted file, or undefined when none was chosen. */
export function chosenFile(form: FormData | undefined, name: string): File | undefined {
  const file = form?.get(name);
  return file instanceof File && file.size > 0 ? file : undefined;
}
