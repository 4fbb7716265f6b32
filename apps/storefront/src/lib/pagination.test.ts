import { describe, expect, it } from "vitest";
import { pagePath, paginate, parsePage } from "./pagination.ts";

describe("parsePage", () => {
  it.each([
    [null, 1],
    ["1", 1],
    ["2", 2],
    ["24", 24],
    ["0", undefined],
    ["-1", undefined],
    ["02", undefined],
    ["1.5", undefined],
    ["abc", undefined],
    ["", undefined],
    ["9999999", undefined],
  ])("%j is %s", (value, page) => {
    expect(parsePage(value)).toBe(page);
  });
});

describe("paginate", () => {
  const items = Array.from({ length: 50 }, (_, index) => index);

  it.each([
    [1, { first: 0, count: 24, pageCount: 3, previous: undefined, next: 2 }],
    [2, { first: 24, count: 24, pageCount: 3, previous: 1, next: 3 }],
    [3, { first: 48, count: 2, pageCount: 3, previous: 2, next: undefined }],
  ])("page %d", (page, expected) => {
    const paged = paginate(items, page);
    expect(paged?.items[0]).toBe(expected.first);
    expect(paged?.items).toHaveLength(expected.count);
    expect(paged?.pageCount).toBe(expected.pageCount);
    expect(paged?.previous).toBe(expected.previous);
    expect(paged?.next).toBe(expected.next);
  });

  it("has no page past the last, and one empty first page for no items", () => {
    expect(paginate(items, 4)).toBeUndefined();
    expect(paginate([], 1)).toEqual({ items: [], page: 1, pageCount: 1 });
    expect(paginate([], 2)).toBeUndefined();
    expect(paginate(items.slice(0, 24), 2)).toBeUndefined();
  });
});

describe("pagePath", () => {
  it("gives page 1 the bare path", () => {
    expect(pagePath("/collections/tea", 1)).toBe("/collections/tea");
    expect(pagePath("/collections/tea", 3)).toBe("/collections/tea?page=3");
  });
});
