ALTER TABLE `media` ADD `avif_status` text DEFAULT 'ready' NOT NULL;--> statement-breakpoint
ALTER TABLE `media` ADD `avif_attempts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `media` ADD `avif_next_attempt_at` integer;--> statement-breakpoint
ALTER TABLE `media` ADD `avif_locked_until` integer;--> statement-breakpoint
CREATE INDEX `media_avif_pending_idx` ON `media` (`avif_next_attempt_at`) WHERE avif_status = 'pending';