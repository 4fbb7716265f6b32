// A small page for answers the middleware gives before any Astro page runs (a refused cross-site form).
import type { Locale } from "@stall/i18n";

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

export function plainPage(
  lang: Locale,
  options: { status: number; title: string; body: string; link: { href: string; label: string } },
): Response {
  const html = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(options.title)}</title><style>body{font:1.125rem/1.6 system-ui,sans-serif;max-width:38rem;margin:0 auto;padding:2rem 1rem}a{display:inline-block;min-height:44px;padding:.5rem 0}</style></head><body><main><h1>${escapeHtml(options.title)}</h1><p>${escapeHtml(options.body)}</p><p><a href="${escapeHtml(options.link.href)}">${escapeHtml(options.link.label)}</a></p></main></body></html>`;
  return new Response(html, {
    status: options.status,
    headers: { "Content-Type": "text/html; charset=utf-8", "Content-Language": lang },
  });
}
