ALTER TABLE `collections` ADD `translations` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `pages` ADD `translations` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `product_options` ADD `translations` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `product_variants` ADD `barcode` text;--> statement-breakpoint
ALTER TABLE `product_variants` ADD `weight_grams` integer;--> statement-breakpoint
ALTER TABLE `product_variants` ADD `weight_unit` text;--> statement-breakpoint
ALTER TABLE `product_variants` ADD `cost_amount` integer;--> statement-breakpoint
ALTER TABLE `product_variants` ADD `is_taxable` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `product_variants` ADD `is_sold_when_out_of_stock` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `product_variants` ADD `requires_shipping` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `products` ADD `vendor` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `products` ADD `product_type` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `products` ADD `product_category` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `products` ADD `tags` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `products` ADD `seo_title` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `products` ADD `seo_description` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `products` ADD `condition` text DEFAULT 'new' NOT NULL;--> statement-breakpoint
ALTER TABLE `products` ADD `is_gift_card` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `products` ADD `metafields` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `products` ADD `translations` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `shops` ADD `return_policy` text;--> statement-breakpoint
ALTER TABLE `shipping_rates` ADD `min_weight_grams` integer;--> statement-breakpoint
ALTER TABLE `shipping_rates` ADD `max_weight_grams` integer;