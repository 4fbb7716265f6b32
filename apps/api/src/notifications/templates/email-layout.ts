// The one email layout every template uses: a single readable column, large type, one big link
// button that is a real <a>, the same link as text underneath, inline styles only (mail clients drop
// <style> blocks), and lang set so screen readers pick the right voice.
import { z } from "zod";

export type TemplateLocale = "en" | "zh-CN";

export type RenderedEmail = { subject: string; text: string; html: string };

/** A payload field shown in a subject or a sentence: one line, no control characters. */
export const SingleLine = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[^\p{Cc}]*$/u, "must be one line without control characters");

/** A link we put in an email: http(s) only, so a `javascript:` URL can never become a button. */
export const LinkUrl = z.url({ protocol: /^https?$/ }).max(2000);

export const Count = z.number().int().positive().max(100_000);

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

export type EmailContent = {
  locale: TemplateLocale;
  subject: string;
  heading: string;
  /** Paragraphs before the button. */
  intro: string[];
  button: { label: string; url: string };
  /** The line above the link shown as text, for when the button does not work. */
  linkFallback: string;
  /** Paragraphs after the button. */
  outro: string[];
  signature: string;
};

const FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'PingFang SC', 'Microsoft YaHei', sans-serif";
const INK = "#1f1f1f";
const ACCENT = "#1d5c4a"; // 7.6:1 against white, both ways

/** Builds both bodies from plain sentences; every sentence (and so every payload value in it) is escaped for HTML. */
export function renderEmail(content: EmailContent): RenderedEmail {
  const text = [
    content.heading,
    "",
    ...content.intro.flatMap((paragraph) => [paragraph, ""]),
    `${content.button.label}${content.locale === "zh-CN" ? "：" : ":"}`,
    content.button.url,
    "",
    ...content.outro.flatMap((paragraph) => [paragraph, ""]),
    content.signature,
    "",
  ].join("\n");

  const paragraph = (body: string) => `<p style="margin:0 0 16px 0;">${escapeHtml(body)}</p>`;
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
${content.intro.map(paragraph).join("\n")}
<p style="margin:28px 0;">
<a href="${url}" style="display:inline-block;background-color:${ACCENT};color:#ffffff;font-size:20px;font-weight:bold;line-height:1.3;text-decoration:none;padding:16px 32px;border-radius:8px;">${escapeHtml(content.button.label)}</a>
</p>
<p style="margin:0 0 16px 0;font-size:16px;">${escapeHtml(content.linkFallback)}<br>
<a href="${url}" style="color:${ACCENT};text-decoration:underline;word-break:break-all;">${url}</a></p>
${content.outro.map(paragraph).join("\n")}
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

/** `1 minute`, `30 minutes`; the Chinese forms need no plural. */
export function countWithUnit(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** One template: the zod schema of its payload and a renderer per locale. */
export type NotificationTemplate<Schema extends z.ZodType = z.ZodType> = {
  payload: Schema;
  // Method syntax on purpose: a template for one payload type fits the registry of all templates.
  render(locale: TemplateLocale, payload: z.output<Schema>): RenderedEmail;
};

export function defineTemplate<Schema extends z.ZodType>(
  payload: Schema,
  render: (locale: TemplateLocale, payload: z.output<Schema>) => RenderedEmail,
): NotificationTemplate<Schema> {
  return { payload, render };
}
