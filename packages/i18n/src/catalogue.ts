import type { Locale } from "./locale.ts";

/** A message is a string, or a function of strings for text with values in it. */
export type Message = string | ((...values: string[]) => string);

/**
 * One area's messages in every language. English defines the keys; the type makes a missing or extra
 * key in another language a compile error, and a test checks the same at run time.
 */
export type Catalogue<Messages extends Record<string, Message>> = Readonly<Record<Locale, Messages>>;

export function defineCatalogue<Messages extends Record<string, Message>>(
  messages: Record<Locale, Messages>,
): Catalogue<Messages> {
  return messages;
}
