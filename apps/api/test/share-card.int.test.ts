// Share cards with hostile text, drawn by real sharp: a title typed before text was cleaned at the
// input edge (decision 010) must still draw, never make the share image answer 500.
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { createShareCardComposer, escapeXml } from "../src/adapters/share-card.ts";

const C0 = Array.from({ length: 0x20 }, (_, code) => String.fromCharCode(code)).join("");
const C1 = Array.from({ length: 0x21 }, (_, offset) => String.fromCharCode(0x7f + offset)).join("");

describe("share cards", () => {
  it("draw a title holding every control character, lone surrogates and U+FFFE/U+FFFF", async () => {
    const card = await createShareCardComposer().shareCard({
      photo: undefined,
      title: `Honey${C0}jar${C1} \uD800 \uDC00 \uFFFE\uFFFF \u202Eend`,
      price: "$12.00\u0000",
      shopName: 'Mei\'s\u000B <Bakery> & "Co"',
    });
    const meta = await sharp(card).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["jpeg", 1200, 630]);
  });

  it("escapeXml leaves only characters XML 1.0 allows, markup escaped", () => {
    expect(escapeXml(`a\u0000b\u0008c\u000Bd\u000Ce\uFFFEf\uFFFFg\uD800h\tI\nJ <&>"'`)).toBe(
      "abcdefgh I J &#60;&#38;&#62;&#34;&#39;",
    );
    expect(escapeXml("蜂蜜 🍯")).toBe("蜂蜜 🍯");
  });
});
