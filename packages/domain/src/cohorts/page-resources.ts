// Which files a phone loads for a storefront page, read from the page's HTML: stylesheets, scripts,
// preloads, and for each picture the one image a 360 px screen would pick from its srcset. The page
// weight measurement fetches these (compressed) and adds them to the HTML's own bytes.

export type ScreenOptions = { viewportWidth: number; devicePixelRatio: number };

/** The screen the green figure is measured for: a cheap Android phone, 360 CSS px wide, 2 device px each. */
export const MEASURED_SCREEN: ScreenOptions = { viewportWidth: 360, devicePixelRatio: 2 };

const attribute = (tag: string, name: string): string | undefined => {
  const match = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(tag);
  const value = match?.[2] ?? match?.[3] ?? match?.[4];
  return value?.replace(/&amp;/g, "&");
};

/** The width `sizes` gives at this screen, in CSS px: the first entry whose media condition holds. */
export function slotWidth(sizes: string | undefined, screen: ScreenOptions): number {
  if (!sizes) return screen.viewportWidth;
  for (const entry of sizes.split(",")) {
    const trimmed = entry.trim();
    const media = /^\((min|max)-width:\s*([\d.]+)(px|rem|em)\)\s+(.+)$/i.exec(trimmed);
    let length = trimmed;
    if (media) {
      const limit = Number(media[2]) * (media[3] === "px" ? 1 : 16);
      const holds = media[1] === "min" ? screen.viewportWidth >= limit : screen.viewportWidth <= limit;
      if (!holds) continue;
      length = media[4] ?? "";
    } else if (trimmed.startsWith("(")) continue;
    const value = /^([\d.]+)(vw|px|rem|em)$/i.exec(length.trim());
    if (!value) return screen.viewportWidth;
    const amount = Number(value[1]);
    const unit = value[2]?.toLowerCase();
    return unit === "vw" ? (amount / 100) * screen.viewportWidth : unit === "px" ? amount : amount * 16;
  }
  return screen.viewportWidth;
}

/** The candidate a browser would take from `srcset` for a slot of `slot` CSS px (the smallest wide enough). */
export function pickCandidate(srcset: string, slot: number, screen: ScreenOptions): string | undefined {
  const candidates = srcset
    .split(",")
    .map((part) => part.trim().split(/\s+/))
    .flatMap(([url, descriptor]) => {
      if (!url) return [];
      const width = descriptor?.endsWith("w") ? Number(descriptor.slice(0, -1)) : undefined;
      const density = descriptor?.endsWith("x") ? Number(descriptor.slice(0, -1)) : undefined;
      return [{ url, width, density }];
    });
  if (candidates.length === 0) return undefined;
  const needed = slot * screen.devicePixelRatio;
  const byWidth = candidates
    .filter((candidate) => candidate.width !== undefined)
    .sort((a, b) => (a.width ?? 0) - (b.width ?? 0));
  if (byWidth.length > 0) return (byWidth.find((candidate) => (candidate.width ?? 0) >= needed) ?? byWidth.at(-1))?.url;
  const byDensity = candidates.sort((a, b) => (a.density ?? 1) - (b.density ?? 1));
  return (byDensity.find((candidate) => (candidate.density ?? 1) >= screen.devicePixelRatio) ?? byDensity.at(-1))?.url;
}

/**
 * Every file the page makes a phone load, once each, in page order (relative URLs as written). Pictures
 * count one image: the first `<source>`'s pick (the browser takes the first type it supports), else the
 * `<img>`'s. Images marked lazy count too, so the figure is an upper bound for a first view.
 */
export function pageResources(html: string, screen: ScreenOptions = MEASURED_SCREEN): string[] {
  const found: string[] = [];
  const add = (url: string | undefined) => {
    if (url && !url.startsWith("data:") && !url.startsWith("#") && !found.includes(url)) found.push(url);
  };
  const withoutPictures = html.replace(/<picture\b[\s\S]*?<\/picture>/gi, (picture) => {
    const source = /<source\b[^>]*>/i.exec(picture)?.[0];
    const image = /<img\b[^>]*>/i.exec(picture)?.[0];
    const chosen = source ?? image;
    if (chosen) {
      const srcset = attribute(chosen, "srcset");
      const slot = slotWidth(attribute(chosen, "sizes") ?? (image ? attribute(image, "sizes") : undefined), screen);
      add((srcset ? pickCandidate(srcset, slot, screen) : undefined) ?? (image ? attribute(image, "src") : undefined));
    }
    return "";
  });
  for (const match of withoutPictures.matchAll(/<(link|script|img)\b[^>]*>/gi)) {
    const tag = match[0];
    const name = match[1]?.toLowerCase();
    if (name === "link") {
      const rel = attribute(tag, "rel")?.toLowerCase() ?? "";
      if (/\b(stylesheet|modulepreload|preload)\b/.test(rel)) add(attribute(tag, "href"));
    } else if (name === "script") add(attribute(tag, "src"));
    else {
      const srcset = attribute(tag, "srcset");
      add(
        (srcset ? pickCandidate(srcset, slotWidth(attribute(tag, "sizes"), screen), screen) : undefined) ??
          attribute(tag, "src"),
      );
    }
  }
  return found;
}
