CREATE TABLE `shop_page_weights` (
	`shop_id` text PRIMARY KEY NOT NULL,
	`bytes_per_view` integer NOT NULL,
	`pages` text NOT NULL,
	`measured_at` integer NOT NULL,
	`source` text NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE cascade
);
