// Global Trade Item Numbers (barcodes: EAN, UPC, ISBN-13, ITF-14) as search engines want them.

export type GtinKind = "gtin8" | "gtin12" | "gtin13" | "gtin14";

const KIND_BY_LENGTH: Record<number, GtinKind> = { 8: "gtin8", 12: "gtin12", 13: "gtin13", 14: "gtin14" };

/**
 * A barcode as owners type it (spaces and hyphens allowed) checked against the GS1 check digit, with
 * the schema.org property its length calls for. Anything else (a typo, an ISBN-10, a shop's own code)
 * is undefined: a wrong GTIN does more harm in search results than none.
 *
 * @example parseGtin("4006381-333931") // { kind: "gtin13", value: "4006381333931" }
 */
export function parseGtin(barcode: string | null | undefined): { kind: GtinKind; value: string } | undefined {
  if (!barcode) return undefined;
  const value = barcode.trim().replace(/[\s-]/g, "");
  const kind = KIND_BY_LENGTH[value.length];
  if (!kind || !/^\d+$/.test(value) || /^0+$/.test(value)) return undefined;
  const digits = [...value].map(Number);
  const check = digits.pop();
  // GS1: from the right (next to the check digit), weights 3, 1, 3, 1, …
  const sum = digits.reverse().reduce((total, digit, index) => total + digit * (index % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === check ? { kind, value } : undefined;
}
