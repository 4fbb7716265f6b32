import { describe, expect, it } from "vitest";
import { createIdGenerator, idTime, isId } from "./ids.ts";

describe("ids", () => {
  it("are prefixed and carry their creation time", () => {
    const newId = createIdGenerator(() => 1_700_000_000_000);
    const id = newId("product");
    expect(id).toMatch(/^prd_[0-9a-hjkmnp-tv-z]{26}$/);
    expect(idTime(id)).toBe(1_700_000_000_000);
    expect(isId("product", id)).toBe(true);
    expect(isId("shop", id)).toBe(false);
  });

  it("sort by creation, even within one millisecond", () => {
    let now = 1_700_000_000_000;
    const newId = createIdGenerator(() => now);
    const ids = Array.from({ length: 1000 }, (_, index) => {
      if (index % 100 === 0) now += 1;
      return newId("order");
    });
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each([null, 42, "", "prd_", "prd_01ARZ3NDEKTSV4RRFFQ69G5FAV", "PRD_01arz3ndektsv4rrffq69g5fav"])(
    "rejects %j",
    (value) => {
      expect(isId("product", value)).toBe(false);
    },
  );
});
