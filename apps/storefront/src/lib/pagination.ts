export const PAGE_SIZE = 24;

/**
 * The page number in `?page=`: 1 when absent; undefined (not found) for anything but a plain positive
 * whole number.
 * @example parsePage("2") // 2
 */
export function parsePage(value: string | null): number | undefined {
  if (value === null) return 1;
  if (!/^[1-9]\d{0,5}$/.test(value)) return undefined;
  return Number(value);
}

export type Paged<T> = { items: T[]; page: number; pageCount: number; previous?: number; next?: number };

/** One page of items, or undefined past the last page (an empty list still has page 1). */
export function paginate<T>(items: readonly T[], page: number, pageSize = PAGE_SIZE): Paged<T> | undefined {
  const pageCount = Math.max(1, Math.ceil(items.length / pageSize));
  if (page < 1 || page > pageCount) return undefined;
  return {
    items: items.slice((page - 1) * pageSize, page * pageSize),
    page,
    pageCount,
    ...(page > 1 ? { previous: page - 1 } : {}),
    ...(page < pageCount ? { next: page + 1 } : {}),
  };
}

/** The path of a page of a list: page 1 is the bare path, so it has one URL. */
export function pagePath(path: string, page: number): string {
  return page <= 1 ? path : `${path}?page=${page}`;
}
