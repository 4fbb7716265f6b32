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

  it("draw every letter of the random part about equally, across many draws of the random pool", () => {
    let now = 1_700_000_000_000;
    // A new millisecond each time, so each id draws 16 new random letters (5,000 ids: many pools of 4 KB).
    const newId = createIdGenerator(() => now++);
    const counts = new Map<string, number>();
    const ids = new Set<string>();
    for (let index = 0; index < 5000; index++) {
      const id = newId("order");
      ids.add(id);
      for (const letter of id.slice(-16)) counts.set(letter, (counts.get(letter) ?? 0) + 1);
    }
    expect(ids.size).toBe(5000);
    expect(counts.size).toBe(32);
    // 2,500 each expected; the spread of a fair draw is about 50.
    for (const count of counts.values()) expect(Math.abs(count - 2500)).toBeLessThan(400);
  });

  it.each([null, 42, "", "prd_", "prd_01ARZ3NDEKTSV4RRFFQ69G5FAV", "PRD_01arz3ndektsv4rrffq69g5fav"])(
    "rejects %j",
    (value) => {
      expect(isId("product", value)).toBe(false);
    },
  );
});
