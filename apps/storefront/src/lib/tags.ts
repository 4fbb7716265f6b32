// Finding products by the owner's tags (decision 033): plain links with `?tag=`, no script.
import { tagKey } from "@stall/domain";
import type { Product } from "./snapshot.ts";

/** At most this many tag links above a list: a phone screen, not a cloud. */
export const MAX_TAG_LINKS = 20;

/**
 * The tags used by these products, most used first (then alphabetically), each once whatever its case,
 * spelt as first seen.
 * @example tagsOf([{ tags: ["Tea"] }, { tags: ["tea", "Gift"] }]) // ["Tea", "Gift"]
 */
export function tagsOf(products: readonly Pick<Product, "tags">[], limit = MAX_TAG_LINKS): string[] {
  const counts = new Map<string, { tag: string; count: number }>();
  for (const product of products) {
    for (const tag of product.tags) {
      const entry = counts.get(tagKey(tag));
      if (entry) entry.count += 1;
      else counts.set(tagKey(tag), { tag, count: 1 });
    }
  }
  return [...counts.values()]
    .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag))
    .slice(0, limit)
    .map((entry) => entry.tag);
}

/** The `?tag=` asked for, trimmed; undefined when absent or empty. */
export function parseTag(value: string | null): string | undefined {
  const tag = value?.trim();
  return tag ? tag.slice(0, 60) : undefined;
}

/** The products carrying a tag, in any case; all of them when no tag is asked for. */
export function withTag<T extends Pick<Product, "tags">>(products: readonly T[], tag: string | undefined): T[] {
  if (tag === undefined) return [...products];
  const key = tagKey(tag);
  return products.filter((product) => product.tags.some((candidate) => tagKey(candidate) === key));
}

/** A list's address with a tag (and page) in its query; page 1 and no tag give the bare path. */
export function listPath(path: string, options: { tag?: string | undefined; page?: number }): string {
  const query = new URLSearchParams();
  if (options.tag) query.set("tag", options.tag);
  if (options.page && options.page > 1) query.set("page", String(options.page));
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}
