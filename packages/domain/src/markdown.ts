import { micromark } from "micromark";

/**
 * Renders the small Markdown subset owners write (paragraphs, headings, emphasis, lists, links,
 * quotes, code) to safe HTML: raw HTML is shown as text, images are not embedded, and links with
 * dangerous protocols (javascript:, data:) are dropped.
 * @example renderMarkdown("**Fresh** bread") // "<p><strong>Fresh</strong> bread</p>"
 */
export function renderMarkdown(markdown: string): string {
  return micromark(markdown, {
    allowDangerousHtml: false,
    allowDangerousProtocol: false,
    extensions: [{ disable: { null: ["htmlFlow", "htmlText", "labelStartImage", "codeIndented"] } }],
  }).trim();
}
