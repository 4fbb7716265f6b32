// Everything Stall says to people, in every language it speaks, in one place. Each area (dashboard,
// storefront, emails, API messages) has its own catalogue module, imported by subpath.
export { type Catalogue, defineCatalogue, type Message } from "./catalogue.ts";
export { asLocale, isLocale, LOCALES, type Locale, pickLocale } from "./locale.ts";
