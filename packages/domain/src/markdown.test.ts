import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown.ts";

describe("renderMarkdown", () => {
  it.each([
    ["**Fresh** bread", "<p><strong>Fresh</strong> bread</p>"],
    ["## Delivery\n\n- Mondays\n- Fridays", "<h2>Delivery</h2>\n<ul>\n<li>Mondays</li>\n<li>Fridays</li>\n</ul>"],
    ["[Map](https://example.com/map)", '<p><a href="https://example.com/map">Map</a></p>'],
    ["<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"],
    ["<img src=x onerror=alert(1)>", "<p>&lt;img src=x onerror=alert(1)&gt;</p>"],
    ["[x](javascript:alert(1))", '<p><a href="">x</a></p>'],
    ["![pixel](https://tracker.example/p.gif)", '<p>!<a href="https://tracker.example/p.gif">pixel</a></p>'],
    ["    indented stays text", "<p>indented stays text</p>"],
  ])("%j", (input, html) => {
    expect(renderMarkdown(input)).toBe(html);
  });
});
