// Issue 13's goals, one row each, so `npm run bench` can print every figure against its goal in one
// table. Each benchmark that measures a goal returns its rows; the run prints them together first.

export type GoalRow = {
  /** What was measured, in a few words ("checkout, embedded default, 50 connections"). */
  what: string;
  /** The figure, with its unit ("1,034 orders/s, p99 71 ms"). */
  measured: string;
  /** The goal, as the issue puts it ("≥ 1,000 orders/s, p99 < 100 ms"). */
  goal: string;
  isMet: boolean;
  /** The baseline measured in the same run, if the goal has one ("raw libSQL batch 3,180/s"). */
  baseline?: string;
};

export function goalTable(rows: GoalRow[]): Record<string, string>[] {
  return rows.map((row) => ({
    what: row.what,
    measured: row.measured,
    goal: row.goal,
    met: row.isMet ? "yes" : "NO",
    "baseline, same run": row.baseline ?? "",
  }));
}

/** 12345.6 -> "12,346". */
export const count = (value: number) => Math.round(value).toLocaleString("en-GB");
