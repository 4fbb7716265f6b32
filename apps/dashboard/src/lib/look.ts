// The looks' previews on the look page: each preset's colours, corners and spacing as CSS custom
// properties on `.look-{preset}`, worked out by the same domain rules the storefront draws the shop with.
import {
  AA_NON_TEXT,
  checkThemeContrast,
  chosenColours,
  ensureContrast,
  mix,
  presetLook,
  readableOn,
  THEME_PRESETS,
  THEME_RADII,
  THEME_SPACES,
  type ThemePreset,
  type ThemeTokenValues,
} from "@stall/domain";

export type ThemeTokens = ThemeTokenValues;

const SANS = "system-ui, sans-serif";
const SERIF = 'Georgia, "Noto Serif", "Songti SC", serif';

/** One preset's preview variables. Colours are #rrggbb checked by the domain, so they are safe in CSS. */
export function previewVariables(preset: ThemePreset, tokens: ThemeTokens): Record<string, string> {
  const look = presetLook(preset);
  const colours = chosenColours(preset, tokens);
  return {
    "--look-bg": colours.background,
    "--look-surface": colours.surface,
    // Writing that cannot be read is drawn in black or white, as the storefront would draw it; the
    // readability check next to the previews says so in words.
    "--look-text": checkThemeContrast(preset, tokens).text.passes ? colours.text : readableOn(colours.background),
    "--look-accent": colours.accent,
    "--look-on-accent": readableOn(colours.accent),
    "--look-border": ensureContrast(mix(colours.text, colours.background, 0.75), colours.background, AA_NON_TEXT),
    "--look-radius": THEME_RADII[tokens.radius ?? look.radius],
    "--look-space": THEME_SPACES[tokens.density ?? look.density],
    "--look-heading-font": look.headingStyle === "serif" ? SERIF : SANS,
    "--look-heading-weight": String(look.headingWeight),
  };
}

/** Every preset's preview, as one small stylesheet for the page. */
export function lookPreviews(tokens: ThemeTokens): { css: string } {
  const css = THEME_PRESETS.map((preset) => {
    const rules = Object.entries(previewVariables(preset, tokens))
      .map(([name, value]) => `${name}:${value}`)
      .join(";");
    return `.look-${preset}{${rules}}`;
  }).join("");
  return { css };
}
