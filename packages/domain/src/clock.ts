/** Where use-cases get the time; tests pass a fixed one. The domain itself never reads a clock. */
export type Clock = { now(): number };
