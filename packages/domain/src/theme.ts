// The shop's looks (presets) and the contrast check on an owner's own colours. One table and one rule
// for the storefront (which draws the shop), the dashboard (which previews it and explains the check)
// and the API (which refuses text that cannot be read).

import type { ThemePreset } from "./constants.ts";
import { AA_TEXT, contrastRatio, isHexColour, readableOn } from "./contrast.ts";

export type ThemeRadius = "none" | "small" | "large";
export type ThemeDensity = "cosy" | "roomy";

/** The colours, corners and spacing an owner may choose; each missing one comes from the preset. */
export type ThemeTokenValues = {
  accent?: string | undefined;
  background?: string | undefined;
  text?: string | undefined;
  radius?: ThemeRadius | undefined;
  density?: ThemeDensity | undefined;
};

export type PresetLook = {
  background: string;
  /** Cards and panels on the background. */
  surface: string;
  text: string;
  accent: string;
  radius: ThemeRadius;
  density: ThemeDensity;
  /** Ratio between heading steps. */
  scale: number;
  headingStyle: "sans" | "serif";
  headingWeight: number;
};

/** Corner rounding and spacing, as CSS lengths. */
export const THEME_RADII: Record<ThemeRadius, string> = { none: "0", small: "6px", large: "14px" };
export const THEME_SPACES: Record<ThemeDensity, string> = { cosy: "1rem", roomy: "1.5rem" };

/** The three looks an owner picks from; their tokens may override colours, corners and spacing. */
export const PRESET_LOOKS: Record<ThemePreset, PresetLook> = {
  // Warm and friendly: cream paper, terracotta, soft corners.
  market: {
    background: "#fbf6ee",
    surface: "#ffffff",
    text: "#2b2118",
    accent: "#a8431a",
    radius: "large",
    density: "cosy",
    scale: 1.2,
    headingStyle: "sans",
    headingWeight: 700,
  },
  // Clean and monochrome: white, black, square corners, room to breathe.
  studio: {
    background: "#ffffff",
    surface: "#ffffff",
    text: "#111111",
    accent: "#111111",
    radius: "none",
    density: "roomy",
    scale: 1.25,
    headingStyle: "sans",
    headingWeight: 600,
  },
  // Bold and homely: butter yellow, deep green, serif headings.
  kitchen: {
    background: "#fff6dc",
    surface: "#fffdf6",
    text: "#1f1a14",
    accent: "#1d5b38",
    radius: "small",
    density: "cosy",
    scale: 1.3,
    headingStyle: "serif",
    headingWeight: 800,
  },
};

/** The preset's look, or the first one for a name that is not a preset. */
export function presetLook(preset: string): PresetLook {
  return PRESET_LOOKS[preset as ThemePreset] ?? PRESET_LOOKS.market;
}

/** The colours a shop is drawn with before any readability fix: the owner's where valid, else the preset's. */
export function chosenColours(preset: string, tokens: ThemeTokenValues = {}) {
  const look = presetLook(preset);
  const background = isHexColour(tokens.background) ? tokens.background : look.background;
  return {
    background,
    // An owner's own background is used for cards too (told apart by their border).
    surface: isHexColour(tokens.background) ? background : look.surface,
    text: isHexColour(tokens.text) ? tokens.text : look.text,
    accent: isHexColour(tokens.accent) ? tokens.accent : look.accent,
  };
}

export type ContrastCheck = {
  /** Writing in the text colour on the background (and on cards). Below 4.5:1 it cannot be saved. */
  text: { ratio: number; passes: boolean };
  /** The writing on buttons: black or white, whichever reads better on the accent. */
  button: { ratio: number; passes: boolean; writing: "#000000" | "#ffffff" };
  /**
   * Links and prices written in the accent on the background. Below 4.5:1 the shop shows them in a
   * darker (or lighter) shade of the accent, so this one only warns.
   */
  accentText: { ratio: number; passes: boolean };
  /** True when the colours may be saved (the text reads). */
  canSave: boolean;
};

/**
 * WCAG AA (4.5:1) for a shop's colours: the text on the background and cards, the writing on buttons,
 * and the accent used as link colour.
 * @example checkThemeContrast("market", { text: "#dddddd" }).canSave // false: light grey on cream
 */
export function checkThemeContrast(preset: string, tokens: ThemeTokenValues = {}): ContrastCheck {
  const colours = chosenColours(preset, tokens);
  const textRatio = Math.min(
    contrastRatio(colours.text, colours.background),
    contrastRatio(colours.text, colours.surface),
  );
  const writing = readableOn(colours.accent) as "#000000" | "#ffffff";
  const buttonRatio = contrastRatio(writing, colours.accent);
  const accentRatio = Math.min(
    contrastRatio(colours.accent, colours.background),
    contrastRatio(colours.accent, colours.surface),
  );
  const text = { ratio: roundDown(textRatio), passes: textRatio >= AA_TEXT };
  return {
    text,
    button: { ratio: roundDown(buttonRatio), passes: buttonRatio >= AA_TEXT, writing },
    accentText: { ratio: roundDown(accentRatio), passes: accentRatio >= AA_TEXT },
    canSave: text.passes,
  };
}

/** One decimal, rounded down, so 4.49 never shows as a passing "4.5". */
function roundDown(ratio: number): number {
  return Math.floor(ratio * 10) / 10;
}
