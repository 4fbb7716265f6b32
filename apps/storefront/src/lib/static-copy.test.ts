import { describe, expect, it } from "vitest";
import { isFromApi, staticCopyPath, withoutScripts } from "./static-copy.ts";

describe("staticCopyPath", () => {
  it.each([
    ["/_static-copy", "/"],
    ["/_static-copy/", "/"],
    ["/_static-copy/products/noodles", "/products/noodles"],
    ["/products/noodles", undefined],
    ["/_static-copyx", undefined],
  ])("%s -> %s", (path, expected) => {
    expect(staticCopyPath(path)).toBe(expected);
  });
});

describe("isFromApi", () => {
  const secret = "s".repeat(40);
  it("needs the configured secret, exactly", () => {
    expect(isFromApi(new Headers({ "x-stall-static-copy": secret }), secret)).toBe(true);
    expect(isFromApi(new Headers({ "x-stall-static-copy": `${secret}x` }), secret)).toBe(false);
    expect(isFromApi(new Headers({}), secret)).toBe(false);
    expect(isFromApi(new Headers({ "x-stall-static-copy": "" }), "")).toBe(false);
  });
});

describe("withoutScripts", () => {
  it("drops code and keeps data blocks", () => {
    const html =
      '<p>a</p><script type="module" src="/_astro/cart.js"></script><script type="application/json" id="d">[1]</script><script>alert(1)</script>';
    expect(withoutScripts(html)).toBe('<p>a</p><script type="application/json" id="d">[1]</script>');
  });
});
