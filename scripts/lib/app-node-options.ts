// V8 settings for the long-running app processes (API, storefront, dashboard), as `npm start` runs them
// (decision 036). V8 sizes its young generation by the machine's memory: on a 24 GB machine it grew to
// 64 MB semi-spaces (128 MB) during start-up and kept them while idle, half of an idle API's 315 MB RSS.
// 16 MB semi-spaces cost an idle API about 125 MB less.
export const APP_NODE_OPTIONS = "--max-semi-space-size=16";

/** NODE_OPTIONS for an app process: the operator's own first, then ours. */
export function appNodeOptions(current: string | undefined): string {
  return [current, APP_NODE_OPTIONS].filter(Boolean).join(" ");
}
