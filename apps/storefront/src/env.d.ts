/// <reference types="astro/client" />

declare const __STALL_BUILD_ID__: string;

declare namespace App {
  interface Locals {
    /** The shop this request is for, set by the middleware once the host resolved to one. */
    shop?: import("./lib/shop-context.ts").ShopContext;
    /** Why there is no shop to show, for the status page the middleware rewrites to. */
    problem?: "unknown" | "suspended" | "closed" | "unreachable" | "forbidden";
    /** Name of the shop when it is closed or suspended (there is no ShopContext then). */
    problemShopName?: string;
    /** A page sets "private" when what it shows belongs to one buyer. */
    cache?: "public" | "private";
    /** Origins a page's form post may be redirected to (the payment page), for its CSP form-action. */
    formActionOrigins?: string[];
  }
}
