ALTER TABLE `shops` ADD `deletion_claimed_until` integer;--> statement-breakpoint
CREATE INDEX `media_renditions_storage_key_idx` ON `media_renditions` (`storage_key`);