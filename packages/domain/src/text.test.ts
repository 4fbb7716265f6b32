import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CheckoutInput, CreateProductInput, PickupPointInput, UpdateShopInput } from "./schemas/index.ts";
import { cleanMultiLineText, cleanSingleLineText, isCleanText } from "./text.ts";

/** Every character a typed or pasted string must never carry into storage (decision 010). */
const HOSTILE_CHARACTERS: string[] = [
  ...Array.from({ length: 0x20 }, (_, code) => String.fromCharCode(code)),
  ...Array.from({ length: 0x21 }, (_, offset) => String.fromCharCode(0x7f + offset)),
  "\uD800",
  "\uDBFF",
  "\uDC00",
  "\uDFFF",
  "\uFFFE",
  "\uFFFF",
  "\uFDD0",
  "\u{1FFFE}",
  ...["\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"],
  "\u2028",
  "\u2029",
  "\uFEFF",
];

/** Illegal in XML 1.0, refused by mail headers, or able to reorder what a reader sees. */
const NEVER_STORED =
  /(?![\n])\p{Cc}|\p{Cs}|\p{Noncharacter_Code_Point}|[\u202A-\u202E\u2066-\u2069\u2028\u2029\uFEFF]/u;

describe("cleanSingleLineText and cleanMultiLineText", () => {
  it.each([
    ["12 Oak Lane\nGreen gate", "12 Oak Lane Green gate", "12 Oak Lane\nGreen gate"],
    ["12 Oak Lane\r\nGreen gate\r\n", "12 Oak Lane Green gate", "12 Oak Lane\nGreen gate"],
    ["Honey\tjar", "Honey jar", "Honey jar"],
    ["Mei\u0000 Wong\u007F\u0085", "Mei Wong", "Mei Wong"],
    ["a\u2028b\u2029c", "a b c", "a\nb\nc"],
    ["\u202Egnp.exe", "gnp.exe", "gnp.exe"],
    ["lone \uD800 half", "lone  half", "lone  half"],
    ["\uFEFFBOM\uFFFE\uFFFF", "BOM", "BOM"],
    ["  spaced  \n\n  out  ", "spaced out", "spaced  \n\n  out"],
    ["emoji 👩‍🌾 and 中文 stay", "emoji 👩‍🌾 and 中文 stay", "emoji 👩‍🌾 and 中文 stay"],
    ["cafe\u0301", "café", "café"],
  ])("%j → one line %j, several lines %j", (input, single, multi) => {
    expect(cleanSingleLineText(input)).toBe(single);
    expect(cleanMultiLineText(input)).toBe(multi);
  });

  it("drops every hostile character, keeps \\n only in multi-line text, and is idempotent (property)", () => {
    const unit = fc.oneof(
      { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_CHARACTERS) },
      { weight: 3, arbitrary: fc.string({ unit: "binary", maxLength: 1 }) },
      { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 1 }) },
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 80 }), (parts) => {
        const input = parts.join("");
        const single = cleanSingleLineText(input);
        const multi = cleanMultiLineText(input);
        expect(single).not.toMatch(NEVER_STORED);
        expect(single).not.toContain("\n");
        expect(multi).not.toMatch(NEVER_STORED);
        expect(isCleanText(single, "single-line")).toBe(true);
        expect(isCleanText(multi, "multi-line")).toBe(true);
        expect(single).toBe(single.trim());
      }),
      { seed: 8_010, numRuns: 200 },
    );
  });
});

describe("the input schemas clean text before checking it", () => {
  const variants = [{ price: 100 }];
  it("a two-line delivery address keeps its line break; a name folds onto one line", () => {
    const parsed = CheckoutInput.parse({
      lines: [{ variantId: "var_1", quantity: 1 }],
      buyer: { name: "Mei\nWong", email: "mei@example.test" },
      fulfilment: { type: "delivery", deliveryAreaId: "dla_1", address: "12 Oak Lane\r\nGreen gate" },
      paymentMethod: "cash_on_delivery",
      note: "Ring\u0007 twice\nthen wait",
    });
    expect(parsed.buyer.name).toBe("Mei Wong");
    expect(parsed.fulfilment).toMatchObject({ address: "12 Oak Lane\nGreen gate" });
    expect(parsed.note).toBe("Ring twice\nthen wait");
  });

  it("a tab in a product title, option names and values becomes a space; the description keeps its lines", () => {
    const parsed = CreateProductInput.parse({
      title: "Honey\tjar",
      description: "Line one\nLine two\u0000",
      options: [{ name: "Si\nze", values: ["S\u0085mall", "Large"] }],
      variants: [
        { price: 100, optionValues: ["S mall"] },
        { price: 200, optionValues: ["Large"] },
      ],
    });
    expect(parsed.title).toBe("Honey jar");
    expect(parsed.description).toBe("Line one\nLine two");
    expect(parsed.options?.[0]).toEqual({ name: "Si ze", values: ["S mall", "Large"] });
  });

  it("text that is nothing but control characters is refused, naming the field", () => {
    const result = PickupPointInput.safeParse({ name: "\u0000\u0001\n", address: "Farm gate" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual(["name"]);
    expect(CreateProductInput.safeParse({ title: "\u202E\uFEFF", variants }).success).toBe(false);
  });

  it("the length limit applies to the cleaned text", () => {
    expect(UpdateShopInput.parse({ name: `${"x".repeat(80)}\u0000\u0000` }).name).toHaveLength(80);
    expect(UpdateShopInput.safeParse({ name: "x".repeat(81) }).success).toBe(false);
  });
});
