import {
  AA_NON_TEXT,
  AA_TEXT,
  chosenColours,
  contrastRatio,
  ensureContrast,
  mix,
  PRESET_LOOKS,
  presetLook,
  readableOn,
  THEME_RADII,
  THEME_SPACES,
} from "@stall/domain";
import type { ThemePreset, ThemeTokens } from "./snapshot.ts";

const SANS =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';
const SERIF = '"Iowan Old Style", "Palatino Linotype", Georgia, "Noto Serif", "Songti SC", "Noto Serif CJK SC", serif';

/** The three looks an owner picks from (the table lives in the domain, shared with the dashboard's preview). */
export const PRESETS = PRESET_LOOKS;

const ERROR_RED = "#b42318";

const RADII = THEME_RADII;
const SPACES = THEME_SPACES;

export type Theme = Record<string, string>;

/**
 * A shop's design tokens: the preset, the owner's overrides, and colours checked for contrast. Text
 * that would read below 4.5:1 on the background falls back to black or white; links and the accent are
 * darkened or lightened until they read; control borders reach 3:1.
 */
export function resolveTheme(presetName: ThemePreset | string, tokens: ThemeTokens = {}): Theme {
  const preset = presetLook(presetName);
  const { background, surface, text: wantedText, accent } = chosenColours(presetName, tokens);
  const text = safeText(wantedText, background, surface);
  const link = ensureContrast(ensureContrast(accent, background), surface);
  const muted = ensureContrast(ensureContrast(mix(text, background, 0.3), background), surface);
  const radius = tokens.radius ?? preset.radius;
  const density = tokens.density ?? preset.density;
  return {
    "--bg": background,
    "--surface": surface,
    "--text": text,
    "--muted": muted,
    "--accent": accent,
    "--on-accent": readableOn(accent),
    "--link": link,
    "--border": ensureContrast(mix(text, background, 0.75), background, AA_NON_TEXT),
    "--soft": mix(accent, background, 0.9),
    "--radius": RADII[radius],
    "--space": SPACES[density],
    "--h1": `${(preset.scale ** 3).toFixed(3)}rem`,
    "--h2": `${(preset.scale ** 2).toFixed(3)}rem`,
    "--h3": `${preset.scale.toFixed(3)}rem`,
    "--heading-font": preset.headingStyle === "serif" ? SERIF : SANS,
    "--heading-weight": String(preset.headingWeight),
    "--body-font": SANS,
    // Error messages next to form fields: a red that reads on the shop's background and cards.
    "--error": ensureContrast(ensureContrast(ERROR_RED, background), surface),
  };
}

/** The owner's text colour when it reads on both background and cards; otherwise black or white. */
function safeText(text: string, background: string, surface: string): string {
  if (contrastRatio(text, background) >= AA_TEXT && contrastRatio(text, surface) >= AA_TEXT) return text;
  return readableOn(background);
}

/** The theme as a CSS rule for `:root`. Values come from the presets or are checked hex colours. */
export function themeCss(theme: Theme): string {
  return `:root{${Object.entries(theme)
    .map(([name, value]) => `${name}:${value}`)
    .join(";")}}`;
}
