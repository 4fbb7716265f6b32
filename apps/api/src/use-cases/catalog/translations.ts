// What the catalogue use-cases share about text in other languages (decision 031): refusing a language
// the shop does not speak, and the translations as owners read them back.
import type { ShopRow } from "@stall/db";
import { DomainError, translationLocaleProblems } from "@stall/domain";

/**
 * Refuses (422) translations keyed by a language that is not one of the shop's extra languages, naming
 * each field; `fields` pairs each translations map with its path in the request.
 */
export function assertShopLanguages(
  shop: Pick<ShopRow, "locale" | "extraLocales">,
  fields: [translations: Record<string, unknown> | undefined, path: string][],
): void {
  const problems = fields.flatMap(([translations, path]) => translationLocaleProblems(translations, shop, path));
  const [first] = problems;
  if (first) throw new DomainError("validation_failed", first.message, { errors: problems });
}
