CREATE TABLE `photo_import_items` (
	`shop_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`import_id` text NOT NULL,
	`product_id` text NOT NULL,
	`variant_ids` text DEFAULT '[]' NOT NULL,
	`url` text NOT NULL,
	`alt` text DEFAULT '' NOT NULL,
	`position` integer NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`locked_until` integer,
	`error` text,
	`failure` text,
	`media_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`shop_id`,`import_id`) REFERENCES `photo_imports`(`shop_id`,`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "photo_import_items_attempts" CHECK("photo_import_items"."attempts" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `photo_import_items_shop_id_id_unique` ON `photo_import_items` (`shop_id`,`id`);--> statement-breakpoint
CREATE INDEX `photo_import_items_import_idx` ON `photo_import_items` (`shop_id`,`import_id`,`product_id`,`position`);--> statement-breakpoint
CREATE INDEX `photo_import_items_due_idx` ON `photo_import_items` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `photo_import_items_shop_url_idx` ON `photo_import_items` (`shop_id`,`url`);--> statement-breakpoint
CREATE TABLE `photo_imports` (
	`shop_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`status` text DEFAULT 'fetching' NOT NULL,
	`products_created` integer DEFAULT 0 NOT NULL,
	`products_updated` integer DEFAULT 0 NOT NULL,
	`photos_total` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `photo_imports_shop_id_id_unique` ON `photo_imports` (`shop_id`,`id`);--> statement-breakpoint
CREATE INDEX `photo_imports_shop_created_idx` ON `photo_imports` (`shop_id`,`created_at`);