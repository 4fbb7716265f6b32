// Owners' age bands, reported only in aggregate and only for groups of 5 or more (k-anonymity with k = 5).
// A count of 0 to 4 is shown as "fewer than 5"; and because the total is shown, a lone hidden cell could be
// worked out by subtraction, so a second cell is hidden with it (complementary suppression).
import { AGE_BANDS, type AgeBand } from "../constants.ts";

/** The smallest group whose count may be shown. */
export const MIN_GROUP_SIZE = 5;

export type AgeCell = AgeBand | "not_stated";
export const AGE_CELLS: readonly AgeCell[] = [...AGE_BANDS, "not_stated"];

/** Which shown cell is hidden as well when the total would give a hidden one away (fixed, see below). */
const PARTNER_ORDER: readonly AgeCell[] = ["not_stated", "under_30", "30_49", "50_64", "65_plus"];

/** A shown count, or `null` for "fewer than 5" (hidden). */
export type AgeCount = { cell: AgeCell; count: number | null };

export type AgeBandReport =
  /** The group is under 5 owners: nothing about ages is shown, not even which bands are empty. */
  | { shown: false; minGroupSize: number }
  | {
      shown: true;
      minGroupSize: number;
      owners: number;
      cells: AgeCount[];
      /** Owners aged 50 or over (50–64 and 65+), or null when showing it would reveal a hidden cell. */
      fiftyAndOver: number | null;
    };

/**
 * The age-band table for a group of owners (one entry per owner; null = did not say).
 *
 * @example ageBandReport(Array(6).fill("50_64")) // 6 owners in 50–64 shown; the other bands "fewer than 5"
 */
export function ageBandReport(bands: readonly (AgeBand | null)[]): AgeBandReport {
  if (bands.length < MIN_GROUP_SIZE) return { shown: false, minGroupSize: MIN_GROUP_SIZE };
  const counts = new Map<AgeCell, number>(AGE_CELLS.map((cell) => [cell, 0]));
  for (const band of bands) {
    const cell: AgeCell = band ?? "not_stated";
    counts.set(cell, (counts.get(cell) ?? 0) + 1);
  }
  const count = (cell: AgeCell) => counts.get(cell) ?? 0;
  // Empty cells are hidden too: which of several hidden cells is the empty one would otherwise show.
  const hidden = new Set(AGE_CELLS.filter((cell) => count(cell) < MIN_GROUP_SIZE));
  // Hides one more cell, chosen by a fixed order and never by its size: a choice that depended on the
  // counts (say, "the smallest shown band") would itself tell something about them.
  const hideAnother = () => {
    const partner = PARTNER_ORDER.find((cell) => !hidden.has(cell));
    if (partner) hidden.add(partner);
  };
  // The total minus the shown cells gives the sum of the hidden ones. That pins a hidden cell down when it
  // is alone (the sum is its count), or when the hidden cells are nearly full (4 each, or 4 each but one
  // at 3): then one more cell is hidden, of unknown size. With every cell hidden, all that shows is the total.
  const hiddenSum = [...hidden].reduce((sum, cell) => sum + count(cell), 0);
  const nearlyFull = hiddenSum >= (MIN_GROUP_SIZE - 1) * hidden.size - 1;
  if ((hidden.size === 1 && hiddenSum > 0) || (hidden.size > 1 && nearlyFull)) hideAnother();
  const cells = AGE_CELLS.map((cell) => ({ cell, count: hidden.has(cell) ? null : (counts.get(cell) ?? 0) }));
  // "50 and over" is a sum of two cells. It reveals nothing new when neither is hidden, or when every hidden
  // cell is one of the two (their sum is then the total minus the shown cells anyway) and it is not small.
  const over: AgeCell[] = ["50_64", "65_plus"];
  const fiftyAndOverCount = (counts.get("50_64") ?? 0) + (counts.get("65_plus") ?? 0);
  const hiddenInside = over.filter((cell) => hidden.has(cell)).length;
  const safe = hiddenInside === 0 || (hiddenInside === hidden.size && fiftyAndOverCount >= MIN_GROUP_SIZE);
  return {
    shown: true,
    minGroupSize: MIN_GROUP_SIZE,
    owners: bands.length,
    cells,
    fiftyAndOver: safe ? fiftyAndOverCount : null,
  };
}
