// Shopify's description HTML to the Markdown subset our descriptions use (paragraphs, headings, lists,
// emphasis, links), so that rendering it again (renderMarkdown, as the export does) gives the same
// description back: headings stay headings, lists stay lists, links stay links. Every other tag is
// dropped with its words kept; script and style go with their content.

const BLOCK_TAGS = new Set(
  "address article aside blockquote dd details div dl dt figcaption figure footer header hr main nav p pre section summary table tr".split(
    " ",
  ),
);
// Their content is code or metadata, never text to keep.
const SKIPPED_TAGS = new Set(["script", "style", "template", "noscript", "iframe", "object", "svg", "head", "title"]);
const HEADING = /^h([1-6])$/;

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  ndash: "\u2013",
  mdash: "\u2014",
  hellip: "\u2026",
  lsquo: "\u2018",
  rsquo: "\u2019",
  ldquo: "\u201C",
  rdquo: "\u201D",
  laquo: "\u00AB",
  raquo: "\u00BB",
  bull: "\u2022",
  middot: "\u00B7",
  copy: "\u00A9",
  reg: "\u00AE",
  trade: "\u2122",
  deg: "\u00B0",
  times: "\u00D7",
  divide: "\u00F7",
  plusmn: "\u00B1",
  frac12: "\u00BD",
  frac14: "\u00BC",
  frac34: "\u00BE",
  euro: "\u20AC",
  pound: "\u00A3",
  yen: "\u00A5",
  cent: "\u00A2",
  sect: "\u00A7",
  micro: "\u00B5",
  shy: "",
};

type Span = { start: number; marker: string; href?: string };
type List = { ordered: boolean; next: number };
type Builder = { parts: string[]; spans: Span[]; lists: List[] };

/**
 * Description HTML as Markdown: paragraphs become blank lines, <br> a newline, <hN> "#"s, <li> "- " or
 * "1. " (nested lists indented), <strong>/<b> **bold**, <em>/<i> _emphasis_, <a href> [text](address)
 * for http(s) and mailto addresses only. Entities are decoded. Text without any tag is plain text with
 * its line breaks.
 * @example htmlToMarkdown("<h2>Care</h2><p>Fresh &amp; <b>warm</b></p>") // "## Care\n\nFresh & **warm**"
 */
export function htmlToMarkdown(html: string): string {
  if (!/<[a-zA-Z/!]/.test(html)) return neutraliseTags(tidyText(decodeEntities(html)));
  const builder: Builder = { parts: [], spans: [], lists: [] };
  const lastClose = html.lastIndexOf(">");
  let index = 0;
  // A hand-written scanner rather than one regular expression: every step moves forward, so hostile
  // input ("<a" a million times) stays linear.
  while (index < html.length) {
    const open = html.indexOf("<", index);
    if (open === -1) {
      appendText(builder, html.slice(index));
      break;
    }
    appendText(builder, html.slice(index, open));
    index = readMarkup(html, open, lastClose, builder);
  }
  return neutraliseTags(tidyText(builder.parts.join("")));
}

/** Handles the markup starting at `open` and returns where reading continues. */
function readMarkup(html: string, open: number, lastClose: number, builder: Builder): number {
  if (html.startsWith("<!--", open)) {
    const end = html.indexOf("-->", open + 4);
    return end === -1 ? html.length : end + 3;
  }
  if (!/[a-zA-Z/!?]/.test(html[open + 1] ?? "") || open > lastClose) {
    appendText(builder, "<");
    return open + 1;
  }
  const close = html.indexOf(">", open);
  const inside = html.slice(open + 1, close);
  const tag = /^(\/?)([a-zA-Z][a-zA-Z0-9-]*)/.exec(inside);
  if (!tag) return close + 1;
  const isClosing = tag[1] === "/";
  const name = (tag[2] ?? "").toLowerCase();
  if (!isClosing && SKIPPED_TAGS.has(name)) return skipElement(html, close + 1, name);
  applyTag(builder, name, isClosing, inside);
  return close + 1;
}

function skipElement(html: string, from: number, name: string): number {
  const closer = new RegExp(`</${name}\\s*>`, "gi");
  closer.lastIndex = from;
  const match = closer.exec(html);
  return match ? match.index + match[0].length : html.length;
}

function applyTag(builder: Builder, name: string, isClosing: boolean, inside: string): void {
  const heading = HEADING.exec(name);
  if (name === "br") builder.parts.push("\n");
  else if (name === "strong" || name === "b") toggleSpan(builder, "**", isClosing);
  else if (name === "em" || name === "i") toggleSpan(builder, "_", isClosing);
  else if (name === "a") toggleSpan(builder, "link", isClosing, isClosing ? undefined : linkAddress(inside));
  else if (name === "ul" || name === "ol") applyList(builder, name === "ol", isClosing);
  else if (name === "li") applyListItem(builder, isClosing);
  else if (name === "td" || name === "th") builder.parts.push(" ");
  else if (heading) applyHeading(builder, Number(heading[1]), isClosing);
  else if (BLOCK_TAGS.has(name)) builder.parts.push(builder.lists.length > 0 ? " " : "\n\n");
}

function applyHeading(builder: Builder, level: number, isClosing: boolean): void {
  // Inside a list item a heading cannot start a line, so it only separates words.
  if (builder.lists.length > 0) builder.parts.push(" ");
  else builder.parts.push(isClosing ? "\n\n" : `\n\n${"#".repeat(level)} `);
}

function applyList(builder: Builder, ordered: boolean, isClosing: boolean): void {
  if (isClosing) builder.lists.pop();
  else builder.lists.push({ ordered, next: 1 });
  if (builder.lists.length === 0) builder.parts.push("\n\n");
}

function applyListItem(builder: Builder, isClosing: boolean): void {
  if (isClosing) return;
  // A nested item is indented past its parent's marker ("- " is 2 wide, "1. " 3), as CommonMark needs.
  const indent = builder.lists
    .slice(0, -1)
    .map((list) => " ".repeat(list.ordered ? 3 : 2))
    .join("");
  const list = builder.lists.at(-1);
  const marker = list?.ordered ? `${list.next++}. ` : "- ";
  builder.parts.push(`\n${indent}${marker}`);
}

/** The href of an <a> tag when it is a web or mail address, else undefined (the link becomes text). */
function linkAddress(inside: string): string | undefined {
  const match = /\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(inside);
  const href = decodeEntities((match?.[1] ?? match?.[2] ?? match?.[3] ?? "").trim());
  if (!/^(https?:\/\/|mailto:)/i.test(href) || /[\s<>]/.test(href)) return undefined;
  return href.replace(/[()]/g, (paren) => (paren === "(" ? "%28" : "%29"));
}

function toggleSpan(builder: Builder, marker: string, isClosing: boolean, href?: string): void {
  if (!isClosing) {
    builder.spans.push({ start: builder.parts.length, marker, ...(href ? { href } : {}) });
    return;
  }
  const index = builder.spans.findLastIndex((span) => span.marker === marker);
  if (index === -1) return;
  const [span] = builder.spans.splice(index);
  if (!span) return;
  // Emphasis inside the same emphasis, or across paragraphs, stays plain: Markdown cannot say it safely.
  const isNested = builder.spans.some((outer) => outer.marker === marker);
  const inner = builder.parts.splice(span.start).join("");
  const text = inner.trim();
  const isLink = marker === "link";
  if (text === "" || text.includes("\n") || isNested || (isLink && !span.href)) {
    builder.parts.push(inner);
    return;
  }
  const leading = inner.slice(0, inner.length - inner.trimStart().length);
  const trailing = inner.slice(inner.trimEnd().length);
  const wrapped = isLink ? `[${text}](${span.href})` : `${marker}${text}${marker}`;
  builder.parts.push(`${leading}${wrapped}${trailing}`);
}

function appendText(builder: Builder, raw: string): void {
  if (raw === "") return;
  // HTML collapses runs of whitespace (line breaks included) into one space. Other Unicode spaces,
  // such as the ideographic space in Chinese text, are content.
  builder.parts.push(decodeEntities(raw).replace(/[ \t\n\r\f\u00A0]+/g, " "));
}

export function decodeEntities(text: string): string {
  return text.replace(/&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});/g, (entity, body: string) => {
    if (!body.startsWith("#")) return NAMED_ENTITIES[body] ?? entity;
    const isHex = body[1] === "x" || body[1] === "X";
    const codePoint = Number.parseInt(body.slice(isHex ? 2 : 1), isHex ? 16 : 10);
    const isValid = codePoint > 0 && codePoint <= 0x10ffff && (codePoint < 0xd800 || codePoint > 0xdfff);
    return isValid ? String.fromCodePoint(codePoint) : "\uFFFD";
  });
}

function tidyText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => {
      // Keep a nested list item's indent; inside the line, runs of spaces are one.
      const indent = /^ *(?=(?:-|\d+\.) )/.exec(line)?.[0] ?? "";
      return indent + line.replace(/[ \t\u00A0]{2,}/g, " ").trim();
    })
    .filter((line) => !/^ *(?:-|\d+\.|#{1,6})$/.test(line))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .replace(/^\n+|\s+$/g, "");
}

// Decoded entities (&lt;b&gt;) and broken markup can leave text that reads as a tag. A space after "<"
// keeps the words but means no HTML can survive into a description.
function neutraliseTags(text: string): string {
  return text.replace(/<(?=[a-zA-Z/!?])/g, "< ");
}
