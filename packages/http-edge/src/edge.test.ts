import { describe, expect, it } from "vitest";
import { pathOf } from "./edge.ts";

describe("pathOf", () => {
  it.each([
    ["/cart/add", "/cart/add"],
    ["/cart/add/", "/cart/add"],
    ["/cart/add?x=1", "/cart/add"],
    ["/cart/add#top", "/cart/add"],
    ["/", "/"],
    ["//", "/"],
    ["http://demo.localhost/checkout?x", "/checkout"],
    ["*", "/"],
    [undefined, "/"],
  ])("reads %s as %s", (target, path) => {
    expect(pathOf(target)).toBe(path);
  });
});
