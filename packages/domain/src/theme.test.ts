import { describe, expect, it } from "vitest";
import { THEME_PRESETS } from "./constants.ts";
import { contrastRatio } from "./contrast.ts";
import { checkThemeContrast, chosenColours, PRESET_LOOKS, presetLook } from "./theme.ts";

describe("checkThemeContrast", () => {
  it.each(THEME_PRESETS)("every preset as it comes passes (%s)", (preset) => {
    const check = checkThemeContrast(preset);
    expect(check.canSave).toBe(true);
    expect(check.text.passes).toBe(true);
    expect(check.button.passes).toBe(true);
    expect(check.accentText.passes).toBe(true);
  });

  it("refuses light grey text on the cream background, with the ratio", () => {
    const check = checkThemeContrast("market", { text: "#bbbbbb" });
    expect(check.canSave).toBe(false);
    expect(check.text.passes).toBe(false);
    expect(check.text.ratio).toBeLessThan(4.5);
    expect(check.text.ratio).toBeGreaterThan(1.5);
  });

  it("checks the text against the preset's cards too, not only the background", () => {
    // Kitchen's cards are lighter than its background; the lower of the two ratios counts.
    const onBackground = contrastRatio("#7c6a4a", PRESET_LOOKS.kitchen.background);
    const onCards = contrastRatio("#7c6a4a", PRESET_LOOKS.kitchen.surface);
    const check = checkThemeContrast("kitchen", { text: "#7c6a4a" });
    expect(check.text.ratio).toBe(Math.floor(Math.min(onBackground, onCards) * 10) / 10);
  });

  it("rounds down so a ratio just under 4.5 never shows as 4.5", () => {
    // #777777 on white is 4.48:1.
    const check = checkThemeContrast("studio", { text: "#777777", background: "#ffffff" });
    expect(check.text.ratio).toBe(4.4);
    expect(check.canSave).toBe(false);
    // #767676 on white is 4.54:1.
    expect(checkThemeContrast("studio", { text: "#767676" }).canSave).toBe(true);
  });

  it("writes on buttons in black or white, whichever reads better on the accent", () => {
    expect(checkThemeContrast("market", { accent: "#f5c400" }).button).toMatchObject({
      writing: "#000000",
      passes: true,
    });
    expect(checkThemeContrast("market", { accent: "#1d5b38" }).button).toMatchObject({
      writing: "#ffffff",
      passes: true,
    });
  });

  it("warns, but still saves, when the accent is too light to read as link colour", () => {
    const check = checkThemeContrast("studio", { accent: "#f5c400" });
    expect(check.accentText.passes).toBe(false);
    expect(check.canSave).toBe(true);
  });

  it("checks a dark background with light text", () => {
    expect(checkThemeContrast("studio", { background: "#111111", text: "#f0f0f0" }).canSave).toBe(true);
    expect(checkThemeContrast("studio", { background: "#111111" }).canSave).toBe(false);
  });

  it("ignores colours that are not #rrggbb and uses the preset's instead", () => {
    expect(chosenColours("kitchen", { text: "red", accent: "#12345" })).toEqual({
      background: PRESET_LOOKS.kitchen.background,
      surface: PRESET_LOOKS.kitchen.surface,
      text: PRESET_LOOKS.kitchen.text,
      accent: PRESET_LOOKS.kitchen.accent,
    });
  });

  it("treats an unknown preset as the market look", () => {
    expect(presetLook("nope")).toBe(PRESET_LOOKS.market);
  });
});
