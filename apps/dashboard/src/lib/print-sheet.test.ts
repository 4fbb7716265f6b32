import { describe, expect, it } from "vitest";
import { emWidth, fittingSize, sheetSvg } from "./print-sheet.ts";

describe("fitting a line on the sheet", () => {
  it.each([
    ["Noodles", 4.2],
    ["王记面馆", 4],
    ["Mei 的面", 4.4],
    ["", 0],
  ])("%j is about %d ems wide", (text, ems) => {
    expect(emWidth(text)).toBeCloseTo(ems, 5);
  });

  it("keeps the largest size that fits, and shrinks a long name", () => {
    expect(fittingSize("Noodles", 1800, 140)).toBe(140);
    expect(fittingSize("王".repeat(30), 1800, 140)).toBe(60);
  });
});

describe("sheetSvg", () => {
  it("draws the words escaped, the QR code nested at its place, and the page size in millimetres", async () => {
    const svg = await sheetSvg("card", {
      title: "Mei's <Noodles> & co",
      scan: "Scan to order",
      address: "meis.example.com",
      qrTarget: "https://meis.example.com",
    });
    expect(svg).toContain('width="105mm" height="148mm" viewBox="0 0 1050 1480"');
    expect(svg).toContain(">Mei&apos;s &lt;Noodles&gt; &amp; co</text>");
    expect(svg).not.toContain("<image");
    expect(svg).toMatch(/<svg x="[\d.]+" y="\d+" width="\d+" height="\d+" xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  });
});
