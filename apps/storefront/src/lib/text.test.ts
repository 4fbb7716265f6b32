import { describe, expect, it } from "vitest";
import { excerpt, plainText } from "./text.ts";

describe("plainText", () => {
  it.each([
    ["<p>Raw &amp; <em>unfiltered</em></p>", "Raw & unfiltered"],
    ["<p>One</p>\n<p>Two</p>", "One Two"],
    ["<p>5 &lt; 6 &#39;ok&#39; &#x4e2d;</p>", "5 < 6 'ok' 中"],
    ["&unknown;", "&unknown;"],
    ["&#x110000; &#99999999; &#0; &#xD800;", "&#x110000; &#99999999; &#0; &#xD800;"],
    ["", ""],
    ["<p>春天<strong>采摘</strong>。</p>", "春天采摘。"],
    ['<p>Ask <a href="/x">us</a>,<br>we <em>help</em></p>', "Ask us, we help"],
  ])("%s -> %s", (html, text) => {
    expect(plainText(html)).toBe(text);
  });
});

describe("excerpt", () => {
  it("leaves short text alone", () => {
    expect(excerpt("Honey", 10)).toBe("Honey");
  });

  it("cuts at a word boundary", () => {
    expect(excerpt("Raw honey from our hives on the south meadow", 20)).toBe("Raw honey from our…");
  });

  it("never cuts an emoji in half", () => {
    expect(excerpt("🍯🍯🍯🍯🍯🍯", 4)).toBe("🍯…");
  });

  it("cuts text without spaces at the limit", () => {
    expect(excerpt("手工制作的陶瓷杯子和碗，每一件都略有不同", 10)).toBe("手工制作的陶瓷杯子…");
  });
});
