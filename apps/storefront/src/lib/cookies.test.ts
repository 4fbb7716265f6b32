import { describe, expect, it } from "vitest";
import { cartCookie, cartCountCookie, isSecureRequest, previewCookie } from "./cookies.ts";

describe("cookies", () => {
  const plain = new URL("http://demo.localhost:4321/cart");
  const none = new Headers();

  it("are Secure only over HTTPS, direct or forwarded", () => {
    expect(isSecureRequest(plain, none)).toBe(false);
    expect(isSecureRequest(new URL("https://shop.example/"), none)).toBe(true);
    expect(isSecureRequest(plain, new Headers({ "x-forwarded-proto": "https, http" }))).toBe(true);
    expect(isSecureRequest(plain, new Headers({ "x-forwarded-proto": "http" }))).toBe(false);
  });

  it("keep the cart id away from scripts for 30 days", () => {
    expect(cartCookie(plain, none)).toEqual({
      name: "stall_cart",
      options: { httpOnly: true, sameSite: "lax", path: "/", maxAge: 2_592_000, secure: false },
    });
    expect(cartCountCookie(plain, none).options.httpOnly).toBe(false);
    expect(previewCookie(plain, none)).toMatchObject({ name: "stall_preview", options: { httpOnly: true } });
  });
});
