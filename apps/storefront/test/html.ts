// Reading pages in tests: small, forgiving extractors over the HTML the storefront sends.

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" };

export function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ENTITIES[name] ?? "");
}

/** The text of the first element with this tag (tags inside dropped, entities decoded). */
export function textOf(html: string, tag: string): string | undefined {
  const inner = new RegExp(`<${tag}(?:\\s[^>]*)?>(.*?)</${tag}>`, "s").exec(html)?.[1];
  return inner === undefined ? undefined : decode(inner.replace(/<[^>]*>/g, "")).trim();
}

export const h1Of = (html: string) => textOf(html, "h1");
export const langOf = (html: string) => /<html[^>]*\slang="([^"]*)"/.exec(html)?.[1];

/** The `content` of a `<meta property|name=…>`. */
export function metaOf(html: string, key: string): string | undefined {
  const tag = new RegExp(`<meta (?:property|name)="${key.replace(/[:.]/g, "\\$&")}" content="([^"]*)"`).exec(html);
  return tag?.[1] === undefined ? undefined : decode(tag[1]);
}

export function linkHref(html: string, rel: string): string | undefined {
  return new RegExp(`<link rel="${rel}" href="([^"]*)"`).exec(html)?.[1];
}

/** Every JSON-LD block, parsed. */
export function jsonLdOf(html: string): unknown[] {
  return [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((match) =>
    JSON.parse(match[1] ?? "null"),
  );
}

/** The landmark elements a page must have. */
export function landmarksOf(html: string): string[] {
  return ["header", "nav", "main", "footer"].filter((tag) => new RegExp(`<${tag}[\\s>]`).test(html));
}
