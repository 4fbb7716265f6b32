import { isLocale, type Locale, pickLocale } from "@stall/i18n";
import { type DashboardMessages, dashboardMessages } from "@stall/i18n/dashboard";

/** The owner's language: the one they chose (cookie), else the browser's. */
export function chooseLocale(cookieValue: string | undefined, acceptLanguage: string | null): Locale {
  return isLocale(cookieValue) ? cookieValue : pickLocale(acceptLanguage);
}

export function messagesFor(locale: Locale): DashboardMessages {
  return dashboardMessages[locale];
}

export function otherLocale(locale: Locale): Locale {
  return locale === "en" ? "zh-CN" : "en";
}
