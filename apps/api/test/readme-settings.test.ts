import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EnvSchema } from "../src/env.ts";

const repo = new URL("../../../", import.meta.url);
const read = (path: string) => readFileSync(new URL(path, repo), "utf8");

/** The names in the first column of the README's "Configuration" table. */
function documentedSettings(): Set<string> {
  const readme = read("README.md");
  const section = readme.slice(
    readme.indexOf("\n## Configuration"),
    readme.indexOf("\n## ", readme.indexOf("\n## Configuration") + 1),
  );
  return new Set([...section.matchAll(/^\| `([A-Z][A-Z0-9_]*)`/gm)].map((match) => match[1] as string));
}

/** What the Astro apps read through `astro:env` (each `NAME: envField.…` in their config). */
function astroSettings(app: string): string[] {
  return [...read(`apps/${app}/astro.config.ts`).matchAll(/^\s+([A-Z][A-Z0-9_]*): envField\./gm)].map(
    (match) => match[1] as string,
  );
}

// An operator learns what they can set from the README's table alone: a setting missing from it is one
// nobody outside the code can find (SECRET_KEY and SMTP_URL once were).
describe("the README's configuration table", () => {
  it.each([
    ["the API", Object.keys(EnvSchema.shape)],
    ["the storefront", astroSettings("storefront")],
    ["the dashboard", astroSettings("dashboard")],
  ])("has a row for every setting %s reads", (_, settings) => {
    expect(settings.length).toBeGreaterThan(2);
    const documented = documentedSettings();
    expect(settings.filter((name) => !documented.has(name))).toEqual([]);
  });
});
