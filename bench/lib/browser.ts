// Headless Chromium for the page benchmarks, and Lighthouse's mobile scores on top of it.

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const BROWSER_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * Lighthouse (mobile, its default throttling) on each page, a fresh Chromium per page; `headers` go with
 * every request (a session cookie for pages behind sign-in).
 */
export async function lighthouseScores(base: string, paths: string[], headers: Record<string, string> = {}) {
  process.env.CHROME_PATH = CHROMIUM;
  const { default: lighthouse } = await import("lighthouse");
  const { launch } = await import("chrome-launcher");
  const rows = [];
  for (const path of paths) {
    const chrome = await launch({ chromePath: CHROMIUM, chromeFlags: BROWSER_ARGS });
    try {
      const result = await lighthouse(`${base}${path}`, {
        port: chrome.port,
        output: "json",
        logLevel: "error",
        extraHeaders: headers,
      });
      const lhr = result?.lhr;
      const categories = lhr?.categories ?? {};
      const failedA11y = Object.values(lhr?.audits ?? {})
        .filter((audit) => audit.score === 0 && categories.accessibility?.auditRefs.some((ref) => ref.id === audit.id))
        .map((audit) => audit.id);
      rows.push({
        page: path,
        performance: Math.round((categories.performance?.score ?? 0) * 100),
        accessibility: Math.round((categories.accessibility?.score ?? 0) * 100),
        "best practices": Math.round((categories["best-practices"]?.score ?? 0) * 100),
        SEO: Math.round((categories.seo?.score ?? 0) * 100),
        "LCP ms": Math.round(lhr?.audits["largest-contentful-paint"]?.numericValue ?? 0),
        "TBT ms": Math.round(lhr?.audits["total-blocking-time"]?.numericValue ?? 0),
        ...(failedA11y.length > 0 ? { "failed a11y audits": failedA11y.join(" ") } : {}),
      });
    } finally {
      chrome.kill();
    }
  }
  return rows;
}
