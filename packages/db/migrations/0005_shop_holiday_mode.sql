ALTER TABLE `shops` ADD `is_paused` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `shops` ADD `pause_message` text DEFAULT '' NOT NULL;