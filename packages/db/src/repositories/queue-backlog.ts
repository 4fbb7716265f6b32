/** What a work queue holds at one moment, platform-wide (metrics): never any one shop's rows. */
export type QueueBacklog = { waiting: number; oldestWaitingCreatedAt: number | null };

/** A `count(*)` / `min(created_at)` row as SQLite returns it, as a backlog. */
export function toBacklog(row: { count: number; oldest: number | null } | undefined): QueueBacklog {
  return {
    waiting: Number(row?.count ?? 0),
    oldestWaitingCreatedAt: row?.oldest === null || row?.oldest === undefined ? null : Number(row.oldest),
  };
}
