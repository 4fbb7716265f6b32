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
    .replace(/-+$/g, "");
  return slug || "item";
}
