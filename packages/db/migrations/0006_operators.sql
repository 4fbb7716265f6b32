CREATE TABLE `cohorts` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`invite_code` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`archived_at` integer,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cohorts_invite_code_unique` ON `cohorts` (`invite_code`);--> statement-breakpoint
ALTER TABLE `plans` ADD `max_members` integer DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE `plans` ADD `max_custom_domains` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `plans` ADD `payment_methods` text DEFAULT '["stripe","pay_at_pickup","cash_on_delivery","bank_transfer"]' NOT NULL;--> statement-breakpoint
ALTER TABLE `plans` ADD `description` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `plans` ADD `updated_at` integer;--> statement-breakpoint
ALTER TABLE `sessions` ADD `confirmed_at` integer;--> statement-breakpoint
ALTER TABLE `shops` ADD `status_changed_at` integer;--> statement-breakpoint
ALTER TABLE `shops` ADD `support_access_until` integer;--> statement-breakpoint
ALTER TABLE `shops` ADD `deletion_due_at` integer;--> statement-breakpoint
ALTER TABLE `shops` ADD `deletion_requested_by` text;--> statement-breakpoint
ALTER TABLE `shops` ADD `cohort_id` text REFERENCES cohorts(id) ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE `shops` ADD `last_order_at` integer;--> statement-breakpoint
CREATE INDEX `shops_cohort_idx` ON `shops` (`cohort_id`);--> statement-breakpoint
CREATE INDEX `shops_deletion_due_idx` ON `shops` (`deletion_due_at`);--> statement-breakpoint
ALTER TABLE `users` ADD `age_band` text;