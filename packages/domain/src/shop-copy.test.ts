import { describe, expect, it } from "vitest";
import {
  buyerFacingStatus,
  DELETION_GRACE_MS,
  deletionDueAt,
  isDeletionUndoable,
  staticCopyFile,
} from "./shop-copy.ts";

describe("staticCopyFile", () => {
  it.each([
    ["/", "index.html"],
    ["", "index.html"],
    ["/products/noodles", "product-noodles.html"],
    ["/collections/soups", "collection-soups.html"],
    ["/collections/soups?page=1", "collection-soups.html"],
    ["/pages/about", "page-about.html"],
    ["/products/%E9%9D%A2", "product-%E9%9D%A2.html"],
  ])("%s -> %s", (path, file) => {
    expect(staticCopyFile(path)).toBe(file);
  });

  it.each(["/cart", "/checkout", "/orders/ord_1", "/collections/soups?page=2", "/products/a/qr.svg", "/qr.svg"])(
    "leaves out %s",
    (path) => {
      expect(staticCopyFile(path)).toBeUndefined();
    },
  );
});

describe("deletion grace period", () => {
  it("is 14 days, undoable until the moment it is due", () => {
    const due = deletionDueAt(1000);
    expect(due).toBe(1000 + 14 * 24 * 60 * 60 * 1000);
    expect(DELETION_GRACE_MS).toBe(1_209_600_000);
    expect(isDeletionUndoable(due, due - 1)).toBe(true);
    expect(isDeletionUndoable(due, due)).toBe(false);
    expect(isDeletionUndoable(null, 0)).toBe(false);
  });
});

describe("buyerFacingStatus", () => {
  it("is closed while a deletion is scheduled, the shop's own status otherwise", () => {
    expect(buyerFacingStatus("active", 5)).toBe("closed");
    expect(buyerFacingStatus("suspended", 5)).toBe("closed");
    expect(buyerFacingStatus("active", null)).toBe("active");
    expect(buyerFacingStatus("suspended", null)).toBe("suspended");
  });
});
