import { contrastRatio } from "@stall/domain";
import { describe, expect, it } from "vitest";
import type { ThemeTokens } from "./snapshot.ts";
import { PRESETS, resolveTheme, themeCss } from "./theme.ts";

const ratio = (theme: Record<string, string>, fg: string, bg: string) =>
  contrastRatio(theme[fg] ?? "", theme[bg] ?? "");

describe("resolveTheme", () => {
  const cases: [string, ThemeTokens][] = [
    ...Object.keys(PRESETS).map((preset): [string, ThemeTokens] => [preset, {}]),
    ["market", { accent: "#f5c400" }],
    ["studio", { background: "#111111" }],
    ["studio", { background: "#111111", text: "#222222" }],
    ["kitchen", { text: "#fff6dc" }],
    ["kitchen", { accent: "#ffffff", background: "#ffffff" }],
    ["market", { background: "#777777", text: "#888888", accent: "#7a7a7a" }],
    ["unknown-preset", {}],
  ];

  it.each(cases)("%s with %j keeps every colour pair readable", (preset, tokens) => {
    const theme = resolveTheme(preset, tokens);
    expect(ratio(theme, "--text", "--bg")).toBeGreaterThanOrEqual(4.5);
    expect(ratio(theme, "--text", "--surface")).toBeGreaterThanOrEqual(4.5);
    expect(ratio(theme, "--muted", "--bg")).toBeGreaterThanOrEqual(4.5);
    expect(ratio(theme, "--link", "--bg")).toBeGreaterThanOrEqual(4.5);
    expect(ratio(theme, "--link", "--surface")).toBeGreaterThanOrEqual(4.5);
    expect(ratio(theme, "--on-accent", "--accent")).toBeGreaterThanOrEqual(4.5);
    expect(ratio(theme, "--border", "--bg")).toBeGreaterThanOrEqual(3);
    expect(ratio(theme, "--error", "--bg")).toBeGreaterThanOrEqual(4.5);
    expect(ratio(theme, "--error", "--surface")).toBeGreaterThanOrEqual(4.5);
  });

  it("uses the owner's colours when they read", () => {
    const theme = resolveTheme("market", { accent: "#1f7a3a", text: "#222222", background: "#ffffff" });
    expect(theme["--accent"]).toBe("#1f7a3a");
    expect(theme["--link"]).toBe("#1f7a3a");
    expect(theme["--text"]).toBe("#222222");
    expect(theme["--bg"]).toBe("#ffffff");
  });

  it("falls back to a safe text colour when the owner's would fail", () => {
    expect(resolveTheme("studio", { text: "#eeeeee" })["--text"]).toBe("#000000");
    expect(resolveTheme("studio", { background: "#101010", text: "#202020" })["--text"]).toBe("#ffffff");
  });

  it("takes corners and spacing from tokens over the preset", () => {
    expect(resolveTheme("studio")["--radius"]).toBe("0");
    expect(resolveTheme("studio", { radius: "large", density: "cosy" })).toMatchObject({
      "--radius": "14px",
      "--space": "1rem",
    });
  });

  it("gives each preset its own look", () => {
    const looks = new Set(Object.keys(PRESETS).map((preset) => themeCss(resolveTheme(preset))));
    expect(looks.size).toBe(3);
  });
});

describe("themeCss", () => {
  it("writes custom properties on :root", () => {
    expect(themeCss({ "--bg": "#ffffff", "--radius": "0" })).toBe(":root{--bg:#ffffff;--radius:0}");
  });
});
