// The published snapshot as the storefront reads it (GET /v1/storefront/{host}/snapshot), named from the
// API's own OpenAPI document through `@stall/api-client`: a change on the API's side fails the
// storefront's typecheck rather than a page.
import type { components } from "@stall/api-client";

type Schemas = components["schemas"];

export type Snapshot = Schemas["Snapshot"];
export type Shop = Snapshot["shop"];
export type Locale = Shop["locale"];
export type Availability = Schemas["Availability"];
export type Photo = Schemas["Photo"];
export type Rendition = Photo["renditions"][number];
export type ImageFormat = Rendition["format"];
export type ThemeTokens = Schemas["ThemeTokens"];
export type ThemePreset = Shop["themePreset"];
export type Product = Snapshot["products"][number];
export type Variant = Product["variants"][number];
export type Collection = Snapshot["collections"][number];
export type ContentPage = Snapshot["pages"][number];
export type PaymentMethod = Shop["paymentMethods"][number];
export type PickupPoint = Schemas["PickupPoint"];
export type DeliveryArea = Schemas["DeliveryArea"];
export type ShippingRate = Schemas["ShippingRate"];
/** Opening hours by weekday (0 = Sunday), times "HH:MM" in the shop's own time. */
export type OpeningHours = PickupPoint["hours"];
export type TaxSettings = Snapshot["tax"];
export type FulfilmentType = Schemas["OrderFulfilment"]["type"];
