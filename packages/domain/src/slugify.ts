/**
 * Makes a URL slug from a title: lower case, accents dropped, CJK kept, anything else a hyphen.
 * @example slugify("Crème Brûlée Jar") // "creme-brulee-jar"; slugify("手工茶杯") // "手工茶杯"
 */
export function slugify(title: string, maxLength = 80): string {
  const slug = title
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{Ll}\p{Lo}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, maxLength)
    // The cut can leave half of a character such as 𠀀, and a slug holding half a character cannot be
    // put in a URL (encodeURIComponent throws, failing every page that links to it).
    .replace(/[\uD800-\uDBFF]$/, "")
    .replace(/-+$/g, "");
  return slug || "item";
}
