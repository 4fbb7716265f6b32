DROP INDEX `notifications_due_idx`;--> statement-breakpoint
CREATE INDEX `notifications_due_idx` ON `notifications` (`status`,`next_attempt_at`,`id`);