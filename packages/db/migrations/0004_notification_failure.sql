ALTER TABLE `notifications` ADD `failure` text;--> statement-breakpoint
CREATE INDEX `notifications_shop_status_idx` ON `notifications` (`shop_id`,`status`);