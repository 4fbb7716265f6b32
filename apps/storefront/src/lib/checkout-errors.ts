// The API's refusals, put next to the fields they are about. The API speaks English: an English page
// shows its words as they are; a Chinese page says the same thing in its own words, chosen by the field
// (and, where one field can fail for different reasons, by the path or the buyer's input).
import type { FieldProblem } from "./api.ts";
import type { CheckoutField, CheckoutValues, MissingChoice } from "./checkout-form.ts";
import type { Locale, Messages } from "./i18n.ts";

export type FieldErrors = Partial<Record<CheckoutField, string>>;

export type CheckoutErrors = {
  fields: FieldErrors;
  /** Problems with no field on the form. */
  general: string[];
  /** True when the API refused a line of the cart (an item no longer sold): the cart page says which. */
  isAboutLines: boolean;
};

const ADDRESS_PARTS = new Set(["line1", "line2", "city", "region", "postcode", "country"]);

/**
 * The form field an API error path is about, if any.
 * @example fieldForPath("fulfilment.address.city") // "city"
 */
export function fieldForPath(path: string): CheckoutField | undefined {
  const parts = path.split(".");
  const [head, second, third] = parts;
  if (head === "buyer") return second === "name" ? "name" : second === "phone" ? "phone" : "email";
  if (head === "fulfilment") {
    if (second === "address" && third && ADDRESS_PARTS.has(third)) return third as CheckoutField;
    if (second === "address") return "deliveryAddress";
    if (second === "instructions") return "deliveryInstructions";
    return "fulfilment";
  }
  if (head === "paymentMethod" || head === "discountCode" || head === "note") return head;
  return undefined;
}

function chineseMessage(field: CheckoutField, path: string, values: CheckoutValues, text: Messages): string {
  switch (field) {
    case "name":
      return text.errorName;
    case "email":
      return values.email.trim() === "" && values.phone.trim() === "" ? text.errorContact : text.errorEmail;
    case "phone":
      return text.errorPhone;
    case "fulfilment":
      if (path === "fulfilment") return text.errorMinimum;
      return path.endsWith("shippingRateId") ? text.errorNotToCountry : text.errorFulfilmentGone;
    case "deliveryAddress":
      return text.errorDeliveryAddress;
    case "line1":
      return text.errorLine1;
    case "city":
      return text.errorCity;
    case "country":
      return text.chooseCountry;
    case "paymentMethod":
      return values.paymentMethod === "pay_at_pickup"
        ? text.errorPayAtPickup
        : values.paymentMethod === "cash_on_delivery"
          ? text.errorCashOnDelivery
          : text.errorPaymentUnavailable;
    case "discountCode":
      return text.errorDiscount;
    default:
      return text.errorTooLong;
  }
}

/** The API's field errors on the form: one message per field (the first), in the page language. */
export function checkoutErrors(
  errors: FieldProblem[],
  detail: string,
  context: { values: CheckoutValues; text: Messages; locale: Locale },
): CheckoutErrors {
  const fields: FieldErrors = {};
  const general: string[] = [];
  let isAboutLines = false;
  for (const error of errors) {
    if (error.path.startsWith("lines")) {
      isAboutLines = true;
      continue;
    }
    const field = fieldForPath(error.path);
    const message =
      context.locale === "en"
        ? error.message
        : field
          ? chineseMessage(field, error.path, context.values, context.text)
          : context.text.errorGeneral;
    if (field) fields[field] ??= message;
    else if (!general.includes(message)) general.push(message);
  }
  if (errors.length === 0 && !isAboutLines)
    general.push(context.locale === "en" && detail ? detail : context.text.errorGeneral);
  return { fields, general, isAboutLines };
}

/** Messages for choices the form is missing before the API is asked. */
export function missingChoiceErrors(missing: MissingChoice[], text: Messages): FieldErrors {
  const words: Record<MissingChoice, string> = {
    fulfilment: text.chooseFulfilment,
    paymentMethod: text.choosePayment,
    country: text.chooseCountry,
  };
  return Object.fromEntries(missing.map((choice) => [choice, words[choice]]));
}
