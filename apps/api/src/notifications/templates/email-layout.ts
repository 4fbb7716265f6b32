// The one email layout every template uses: a single readable column, large type, one big link
// button that is a real <a>, the same link as text underneath, inline styles only (mail clients drop
// <style> blocks), and lang set so screen readers pick the right voice.
import { cleanMultiLineText, cleanSingleLineText } from "@stall/domain";
import type { Locale } from "@stall/i18n";
import { emailMessages } from "@stall/i18n/emails";
import { z } from "zod";

/** A language the emails are written in: every locale Stall speaks. */
export type TemplateLocale = Locale;

export type RenderedEmail = { subject: string; text: string; html: string };

/**
 * A payload field shown in a subject or a sentence: cleaned to one line by the same rules as the input
 * schemas (decision 010), so a row queued before those rules, or by a use-case that forgot them, still
 * renders rather than failing. The limit is far above any input's: it only stops nonsense.
 */
export const SingleLine = z.string().overwrite(cleanSingleLineText).min(1).max(2000);

/** A payload field that keeps its line breaks (an address, bank details): shown as lines in both parts. */
export const MultiLine = z.string().overwrite(cleanMultiLineText).min(1).max(5000);

/** A link we put in an email: http(s) only, so a `javascript:` URL can never become a button. */
export const LinkUrl = z.url({ protocol: /^https?$/ }).max(2000);

export const Count = z.number().int().positive().max(100_000);

/** An amount the caller has already formatted for the reader ("$12.50", "¥12.50"); shown as given. */
export const Amount = SingleLine.max(40);

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

/** A table cell: plain text, or text with a smaller second line under it (a variant under a product). */
export type TableCell = string | { text: string; note: string };

/**
 * One part of the body. A string is a paragraph. The others hold plain text too (the layout escapes
 * it), so no template ever writes HTML itself.
 */
export type EmailBlock =
  | string
  /** A heading under the main one. */
  | { kind: "subheading"; text: string }
  /** A boxed paragraph that keeps its line breaks (payment instructions, an address). */
  | { kind: "box"; label: string; text: string }
  /**
   * A data table: `<caption>`, column headers, one row per entry whose first cell heads the row, then
   * label/value total lines under the last column. `text` is the row as one line of the text part.
   */
  | {
      kind: "table";
      caption: string;
      /** `spoken` is read instead of `label` by screen readers ("Qty" → "Quantity"). */
      columns: { label: string; spoken?: string; numeric?: boolean }[];
      rows: { cells: TableCell[]; text: string }[];
      totals: { label: string; value: string; strong?: boolean }[];
    };

export type EmailContent = {
  locale: TemplateLocale;
  subject: string;
  heading: string;
  /** Paragraphs (or other blocks) before the button. */
  intro: EmailBlock[];
  button: { label: string; url: string };
  /** The line above the link shown as text, for when the button does not work. */
  linkFallback: string;
  /** Paragraphs (or other blocks) after the button. */
  outro: EmailBlock[];
  signature: string;
};

const FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'PingFang SC', 'Microsoft YaHei', sans-serif";
const INK = "#1f1f1f";
const ACCENT = "#1d5c4a"; // 7.6:1 against white, both ways
const MUTED = "#4f4f4f"; // 8.1:1 against white
const RULE = "#d6d1c4";

function lines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

function blockText(block: EmailBlock, colon: string): string {
  if (typeof block === "string") return block;
  switch (block.kind) {
    case "subheading":
      return block.text;
    case "box":
      return [block.label, ...lines(block.text)].join("\n");
    case "table":
      return [
        block.caption,
        ...block.rows.map((row) => row.text),
        ...(block.totals.length === 0 ? [] : [""]),
        ...block.totals.map((total) => `${total.label}${colon}${total.value}`),
      ].join("\n");
  }
}

function cellHtml(cell: TableCell): string {
  if (typeof cell === "string") return escapeHtml(cell);
  const note =
    cell.note === "" ? "" : `<br><span style="font-size:15px;color:${MUTED};">${escapeHtml(cell.note)}</span>`;
  return `${escapeHtml(cell.text)}${note}`;
}

function blockHtml(block: EmailBlock): string {
  // A paragraph may hold a multi-line value (an address): its lines stay lines.
  if (typeof block === "string")
    return `<p style="margin:0 0 16px 0;">${lines(block).map(escapeHtml).join("<br>\n")}</p>`;
  switch (block.kind) {
    case "subheading":
      return `<h2 style="margin:28px 0 12px 0;font-size:21px;line-height:1.3;font-weight:bold;color:${INK};">${escapeHtml(block.text)}</h2>`;
    case "box":
      // A presentation table, not a div: Outlook ignores padding and borders on divs.
      return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 16px 0;">
<tr>
<td style="padding:14px 16px;border:2px solid ${ACCENT};border-radius:8px;background-color:#f2f7f5;">
<p style="margin:0 0 6px 0;font-weight:bold;">${escapeHtml(block.label)}</p>
<p style="margin:0;overflow-wrap:anywhere;">${lines(block.text).map(escapeHtml).join("<br>\n")}</p>
</td>
</tr>
</table>`;
    case "table": {
      const pad = "padding:10px 4px;";
      const align = (numeric: boolean | undefined) =>
        numeric ? "text-align:right;white-space:nowrap;" : "text-align:left;";
      const head = block.columns
        .map(
          (column) =>
            `<th scope="col"${column.spoken === undefined ? "" : ` aria-label="${escapeHtml(column.spoken)}"`} style="${pad}${align(column.numeric)}font-size:15px;border-bottom:2px solid ${INK};">${escapeHtml(column.label)}</th>`,
        )
        .join("");
      const body = block.rows
        .map((row) => {
          const cells = row.cells.map((cell, index) => {
            const style = `${pad}${align(block.columns[index]?.numeric)}vertical-align:top;border-bottom:1px solid ${RULE};`;
            return index === 0
              ? `<th scope="row" style="${style}font-weight:normal;overflow-wrap:anywhere;">${cellHtml(cell)}</th>`
              : `<td style="${style}">${cellHtml(cell)}</td>`;
          });
          return `<tr>${cells.join("")}</tr>`;
        })
        .join("\n");
      const span = Math.max(1, block.columns.length - 1);
      const foot = block.totals
        .map((total) => {
          const weight = total.strong ? `font-weight:bold;border-top:2px solid ${INK};` : "font-weight:normal;";
          return `<tr><th scope="row" colspan="${span}" style="padding:6px 4px;text-align:right;${weight}">${escapeHtml(total.label)}</th><td style="padding:6px 4px;text-align:right;white-space:nowrap;${weight}">${escapeHtml(total.value)}</td></tr>`;
        })
        .join("\n");
      return `<table width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;border-collapse:collapse;margin:0 0 16px 0;font-size:17px;line-height:1.4;">
<caption style="text-align:left;font-size:21px;font-weight:bold;line-height:1.3;padding:0 0 8px 0;">${escapeHtml(block.caption)}</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody>${foot === "" ? "" : `\n<tfoot>\n${foot}\n</tfoot>`}
</table>`;
    }
  }
}

/** Builds both bodies from plain sentences; every sentence (and so every payload value in it) is escaped for HTML. */
export function renderEmail(content: EmailContent): RenderedEmail {
  const colon = emailMessages[content.locale].colon;
  const text = [
    content.heading,
    "",
    ...content.intro.flatMap((block) => [blockText(block, colon), ""]),
    `${content.button.label}${colon.trimEnd()}`,
    content.button.url,
    "",
    ...content.outro.flatMap((block) => [blockText(block, colon), ""]),
    content.signature,
    "",
  ].join("\n");

  const url = escapeHtml(content.button.url);
  const html = `<!DOCTYPE html>
<html lang="${content.locale}" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${escapeHtml(content.subject)}</title>
</head>
<body style="margin:0;padding:0;background-color:#f4f1ea;">
<div role="article" aria-roledescription="email" aria-label="${escapeHtml(content.subject)}" lang="${content.locale}" style="background-color:#f4f1ea;padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:560px;margin:0 auto;background-color:#ffffff;border-radius:8px;">
<tr>
<td style="padding:32px 28px;font-family:${FONT};font-size:18px;line-height:1.6;color:${INK};">
<h1 style="margin:0 0 20px 0;font-size:26px;line-height:1.3;font-weight:bold;color:${INK};">${escapeHtml(content.heading)}</h1>
${content.intro.map(blockHtml).join("\n")}
<p style="margin:28px 0;">
<a href="${url}" style="display:inline-block;background-color:${ACCENT};color:#ffffff;font-size:20px;font-weight:bold;line-height:1.3;text-decoration:none;padding:16px 32px;border-radius:8px;">${escapeHtml(content.button.label)}</a>
</p>
<p style="margin:0 0 16px 0;font-size:16px;">${escapeHtml(content.linkFallback)}<br>
<a href="${url}" style="color:${ACCENT};text-decoration:underline;word-break:break-all;">${url}</a></p>
${content.outro.map(blockHtml).join("\n")}
<p style="margin:24px 0 0 0;">${escapeHtml(content.signature)}</p>
</td>
</tr>
</table>
</div>
</body>
</html>
`;
  return { subject: content.subject, text, html };
}

/** One template: the zod schema of its payload and a renderer per locale. */
export type NotificationTemplate<Schema extends z.ZodType = z.ZodType> = {
  payload: Schema;
  // Method syntax on purpose: a template for one payload type fits the registry of all templates.
  render(locale: TemplateLocale, payload: z.output<Schema>): RenderedEmail;
  /**
   * A shop's email to its buyer: sent with the shop's name as the sender's name and the shop's contact
   * address as Reply-To. Emails to owners, helpers and about accounts come from the platform alone.
   */
  isFromShop: boolean;
};

export function defineTemplate<Schema extends z.ZodType>(
  payload: Schema,
  render: (locale: TemplateLocale, payload: z.output<Schema>) => RenderedEmail,
  options: { isFromShop?: boolean } = {},
): NotificationTemplate<Schema> {
  return { payload, render, isFromShop: options.isFromShop ?? false };
}
