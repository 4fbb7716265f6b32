import { describe, expect, it } from "vitest";
import { AGE_BANDS, type AgeBand } from "../constants.ts";
import { AGE_CELLS, type AgeBandReport, ageBandReport, MIN_GROUP_SIZE } from "./age-bands.ts";

type Owner = AgeBand | null;
const owners = (counts: Partial<Record<AgeBand | "not_stated", number>>): Owner[] =>
  Object.entries(counts).flatMap(([cell, count]) =>
    Array.from({ length: count ?? 0 }, () => (cell === "not_stated" ? null : (cell as AgeBand))),
  );
const shownCells = (report: AgeBandReport) =>
  report.shown ? Object.fromEntries(report.cells.map((cell) => [cell.cell, cell.count])) : undefined;

describe("ageBandReport", () => {
  it("shows nothing at all for a group of fewer than 5 owners", () => {
    for (let size = 0; size < MIN_GROUP_SIZE; size += 1) {
      const report = ageBandReport(Array.from({ length: size }, () => "65_plus" as const));
      expect(report).toEqual({ shown: false, minGroupSize: 5 });
    }
  });

  it("shows a band of 5 owners", () => {
    expect(ageBandReport(owners({ "50_64": 5 }))).toEqual({
      shown: true,
      minGroupSize: 5,
      owners: 5,
      cells: [
        { cell: "under_30", count: null },
        { cell: "30_49", count: null },
        { cell: "50_64", count: 5 },
        { cell: "65_plus", count: null },
        { cell: "not_stated", count: null },
      ],
      // 50 and over minus 50–64 would give 65+.
      fiftyAndOver: null,
    });
  });

  it("hides a band of 0 to 4 and, since the total is shown, the smallest other band with it", () => {
    const report = ageBandReport(owners({ under_30: 6, "30_49": 9, "65_plus": 2, not_stated: 7 }));
    // 65+ (2) and 50–64 (empty) are "fewer than 5"; their sum is 24 - 6 - 9 - 7, which does not say which is which.
    expect(shownCells(report)).toEqual({ under_30: 6, "30_49": 9, "50_64": null, "65_plus": null, not_stated: 7 });
    // 50 and over = 50–64 + 65+ = total minus the shown cells: it reveals no single cell, but it is small.
    expect(report.shown && report.fiftyAndOver).toBeNull();
  });

  it("hides a second band even when every other band is large", () => {
    const report = ageBandReport(owners({ under_30: 6, "30_49": 9, "50_64": 8, "65_plus": 3, not_stated: 12 }));
    // 65+ (3) alone would be the total minus the rest: "not stated" is hidden with it (a fixed choice, so
    // which band goes with it tells nothing about the counts).
    expect(shownCells(report)).toEqual({ under_30: 6, "30_49": 9, "50_64": 8, "65_plus": null, not_stated: null });
    // 50 and over would give 65+ as (50 and over) - (50–64): hidden.
    expect(report.shown && report.fiftyAndOver).toBeNull();
  });

  it("shows 50 and over when its two bands are shown", () => {
    const report = ageBandReport(owners({ "50_64": 5, "65_plus": 6, not_stated: 2, under_30: 1 }));
    expect(shownCells(report)).toEqual({ under_30: null, "30_49": null, "50_64": 5, "65_plus": 6, not_stated: null });
    expect(report.shown && report.fiftyAndOver).toBe(11);
  });

  it("hides a third band when two hidden bands can only hold 4 each", () => {
    const report = ageBandReport(owners({ under_30: 4, "30_49": 4, "50_64": 7, "65_plus": 6, not_stated: 9 }));
    expect(shownCells(report)).toEqual({ under_30: null, "30_49": null, "50_64": 7, "65_plus": 6, not_stated: null });
    expect(report.shown && report.fiftyAndOver).toBe(13);
  });

  it("shows only the number of owners when every band holds 4", () => {
    const report = ageBandReport(owners({ under_30: 4, "30_49": 4, "50_64": 4, "65_plus": 4, not_stated: 4 }));
    expect(report).toMatchObject({ shown: true, owners: 20, fiftyAndOver: null });
    expect(Object.values(shownCells(report) ?? {})).toEqual([null, null, null, null, null]);
  });

  it("never lets a small band be worked out from what is shown (every group of 5 to 24 owners)", () => {
    // Every way to spread n owners over the five cells: for each, the shown figures must fit more than one
    // value of every hidden cell (another spread giving the same report), so no hidden count is exposed.
    const spreads = (n: number, cells: number): number[][] =>
      cells === 1
        ? [[n]]
        : Array.from({ length: n + 1 }, (_, k) => spreads(n - k, cells - 1).map((rest) => [k, ...rest])).flat();
    const toOwners = (spread: number[]) =>
      spread.flatMap((count, index) =>
        Array.from({ length: count }, () => (AGE_CELLS[index] === "not_stated" ? null : (AGE_CELLS[index] as AgeBand))),
      );
    for (let n = MIN_GROUP_SIZE; n <= 24; n += 1) {
      const all = spreads(n, AGE_CELLS.length);
      const byReport = new Map<string, number[][]>();
      for (const spread of all) {
        const key = JSON.stringify(ageBandReport(toOwners(spread)));
        byReport.set(key, [...(byReport.get(key) ?? []), spread]);
      }
      for (const [key, alike] of byReport) {
        const report = JSON.parse(key) as AgeBandReport;
        if (!report.shown) continue;
        report.cells.forEach((cell, index) => {
          if (cell.count !== null) return;
          // Knowing that a band is empty, or holds 5 or more, is allowed; knowing it holds exactly 1 to 4 is not.
          const possible = [...new Set(alike.map((spread) => spread[index] ?? 0))];
          if (possible.length === 1) {
            const [only = 0] = possible;
            expect(only === 0 || only >= MIN_GROUP_SIZE, `${key}: ${cell.cell} is exposed as ${only}`).toBe(true);
          }
        });
      }
    }
    expect(AGE_BANDS.length + 1).toBe(AGE_CELLS.length);
  });
});
