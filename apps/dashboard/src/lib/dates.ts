// When something happened, as the owner reads it. Shops have no time zone of their own yet, so times are
// shown in UTC and say so, rather than in whatever zone the server happens to run in.

/** "3 Dec 2026, 14:05 UTC" (en) / "2026年12月3日 14:05 UTC" (zh-CN). */
export function formatWhen(epochMs: number, lang: string): string {
  return new Intl.DateTimeFormat(lang, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  })
    .format(new Date(epochMs))
    .concat(" UTC");
}
