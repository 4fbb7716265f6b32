// V8 settings for the long-running app processes (API, storefront, dashboard), as `npm start` runs them
// (decision 036). V8 sizes its young generation by the machine's memory: on a 24 GB machine it grew to
// 64 MB semi-spaces (128 MB) during start-up and kept them while idle, half of an idle API's 315 MB RSS.
// 16 MB semi-spaces cost an idle API about 125 MB less, 8 MB another 16 MB per process (decision 042). The old generation is capped too: V8 otherwise
// lets garbage pile up to a limit set by the machine's memory (about 4 GB here), and a storefront that had
// rendered 10,000 shops' home pages held 872 MB with 192 MB of caches. The caches have byte budgets
// (the *_CACHE_MB settings, 32 MB in all on the storefront by default), so 256 MB leaves room to work.
// An operator who raises the budgets raises this too, in NODE_OPTIONS: theirs come after ours, and the
// later of two V8 flags wins.
// --expose-gc lets a process that goes quiet after work give its spare memory back at once
// (decision 050, packages/http-edge/src/idle-memory.ts).
export const APP_NODE_OPTIONS = "--max-semi-space-size=8 --max-old-space-size=256 --expose-gc";

/** NODE_OPTIONS for an app process: ours, then the operator's own, which win where they differ. */
export function appNodeOptions(current: string | undefined): string {
  return [APP_NODE_OPTIONS, current].filter(Boolean).join(" ");
}

/**
 * glibc's allocator settings for the app processes. With its defaults a process keeps one arena per
 * thread that ever allocated (libuv's pool compresses pages and reads files) and raises its mmap
 * threshold after every large free, so the megabytes zlib and the libSQL client allocate and free stay
 * in the arenas: the storefront's RSS grew by about 100 MB more than its V8 heap after 10,000 shops'
 * pages. Two arenas and fixed thresholds of 128 KB hand that memory back (decision 042).
 */
export const APP_MALLOC_ENV = {
  MALLOC_ARENA_MAX: "2",
  MALLOC_MMAP_THRESHOLD_: "131072",
  MALLOC_TRIM_THRESHOLD_: "131072",
} as const;

/** The environment an app process adds to its own: V8's settings and the allocator's; the operator's win. */
export function appProcessEnv(current: NodeJS.ProcessEnv): Record<string, string> {
  const malloc = Object.fromEntries(
    Object.entries(APP_MALLOC_ENV).map(([name, value]) => [name, current[name] ?? value]),
  );
  return { ...malloc, NODE_OPTIONS: appNodeOptions(current.NODE_OPTIONS) };
}
