declare namespace App {
  interface Locals {
    lang: import("@stall/i18n").Locale;
    t: import("@stall/i18n/dashboard").DashboardMessages;
    /** The API session token from the cookie, if any. */
    token: string | undefined;
    /** Whether the browser reached us over https: decides the cookie's name and Secure flag. */
    isHttps: boolean;
    /** Where this page's images may come from besides the API (the shop's own address, for its QR code). */
    imageOrigins: string[];
    /** Where this page's forms may lead besides the dashboard (Stripe, the shop's preview). */
    formActionOrigins: string[];
  }
}
