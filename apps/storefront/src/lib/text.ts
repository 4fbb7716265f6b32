const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** Tags inside a line of text: dropped without a space, so Chinese text (no spaces) stays joined. */
const INLINE_TAG = /<\/?(?:a|abbr|b|code|del|em|i|kbd|mark|s|small|span|strong|sub|sup|u)(?:\s[^>]*)?>/gi;

/**
 * The text of sanitised HTML: tags dropped (block tags become a space), common entities decoded,
 * whitespace collapsed.
 * @example plainText("<p>Raw &amp; <em>unfiltered</em></p>") // "Raw & unfiltered"
 */
export function plainText(html: string): string {
  return html
    .replace(INLINE_TAG, "")
    .replace(/<[^>]*>/g, " ")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
      if (name.startsWith("#")) {
        const code = name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
        // Past U+10FFFF fromCodePoint throws (failing the whole page), and NUL or half a surrogate pair is
        // not text: keep such an entity as written.
        const isText = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
        return isText ? String.fromCodePoint(code) : entity;
      }
      return ENTITIES[name.toLowerCase()] ?? entity;
    })
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * At most `max` characters, cut at a word boundary with an ellipsis (CJK text, having no spaces, is cut
 * where it reaches the limit).
 */
export function excerpt(text: string, max = 160): string {
  if (text.length <= max) return text;
  // Never cut between the two halves of a surrogate pair (an emoji): half a character is not text.
  const cut = text.slice(0, max - 1).replace(/[\uD800-\uDBFF]$/, "");
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, "")}…`;
}
