CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text,
	`actor_user_id` text,
	`actor_role` text NOT NULL,
	`action` text NOT NULL,
	`target_type` text,
	`target_id` text,
	`data` text DEFAULT '{}' NOT NULL,
	`ip` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_log_shop_idx` ON `audit_log` (`shop_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `audit_log_actor_idx` ON `audit_log` (`actor_user_id`);--> statement-breakpoint
CREATE TABLE `invites` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`role` text NOT NULL,
	`permissions` text DEFAULT '[]' NOT NULL,
	`email` text,
	`token_hash` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`accepted_at` integer,
	`accepted_by` text,
	`revoked_at` integer,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`accepted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invites_token_hash_unique` ON `invites` (`token_hash`);--> statement-breakpoint
CREATE INDEX `invites_shop_idx` ON `invites` (`shop_id`);--> statement-breakpoint
CREATE TABLE `login_throttles` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer NOT NULL,
	`window_started_at` integer NOT NULL,
	`locked_until` integer
);
--> statement-breakpoint
CREATE TABLE `memberships` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	`permissions` text DEFAULT '[]' NOT NULL,
	`invited_by` text,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`invited_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `memberships_shop_user_unique` ON `memberships` (`shop_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `memberships_user_idx` ON `memberships` (`user_id`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text,
	`channel` text DEFAULT 'email' NOT NULL,
	`template` text NOT NULL,
	`recipient` text NOT NULL,
	`locale` text NOT NULL,
	`payload` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`locked_until` integer,
	`last_error` text,
	`sent_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notifications_dedupe_unique` ON `notifications` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `notifications_due_idx` ON `notifications` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `password_resets` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `password_resets_token_hash_unique` ON `password_resets` (`token_hash`);--> statement-breakpoint
CREATE TABLE `plans` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`price_amount` integer NOT NULL,
	`currency` text NOT NULL,
	`max_products` integer NOT NULL,
	`storage_quota_bytes` integer NOT NULL,
	`application_fee_bps` integer NOT NULL,
	`is_default` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`token_hash` text NOT NULL,
	`user_agent` text,
	`ip` text,
	`created_at` integer NOT NULL,
	`last_used_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sessions_token_hash_unique` ON `sessions` (`token_hash`);--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `shop_domains` (
	`id` text PRIMARY KEY NOT NULL,
	`shop_id` text NOT NULL,
	`hostname` text NOT NULL,
	`verification_token` text NOT NULL,
	`verified_at` integer,
	`is_primary` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shop_domains_hostname_unique` ON `shop_domains` (`hostname`);--> statement-breakpoint
CREATE INDEX `shop_domains_shop_idx` ON `shop_domains` (`shop_id`);--> statement-breakpoint
CREATE TABLE `shops` (
	`id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`status_reason` text,
	`is_published` integer DEFAULT false NOT NULL,
	`published_at` integer,
	`plan_id` text NOT NULL,
	`currency` text NOT NULL,
	`locale` text NOT NULL,
	`extra_locales` text DEFAULT '[]' NOT NULL,
	`tagline` text DEFAULT '' NOT NULL,
	`contact_email` text,
	`contact_phone` text,
	`address` text,
	`theme_preset` text DEFAULT 'market' NOT NULL,
	`theme_tokens` text DEFAULT '{}' NOT NULL,
	`logo_media_id` text,
	`social_links` text DEFAULT '[]' NOT NULL,
	`policies` text DEFAULT '{}' NOT NULL,
	`payment_methods` text DEFAULT '["pay_at_pickup"]' NOT NULL,
	`bank_transfer_instructions` text,
	`stripe_account_id` text,
	`stripe_charges_enabled` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`next_order_number` integer DEFAULT 1001 NOT NULL,
	`storage_used_bytes` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "shops_version_positive" CHECK("shops"."version" >= 1),
	CONSTRAINT "shops_storage_used_non_negative" CHECK("shops"."storage_used_bytes" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shops_slug_unique` ON `shops` (`slug`);--> statement-breakpoint
CREATE UNIQUE INDEX `shops_stripe_account_unique` ON `shops` (`stripe_account_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`locale` text DEFAULT 'en' NOT NULL,
	`role` text DEFAULT 'user' NOT NULL,
	`email_verified_at` integer,
	`password_changed_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `collection_products` (
	`shop_id` text NOT NULL,
	`collection_id` text NOT NULL,
	`product_id` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`shop_id`, `collection_id`, `product_id`),
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`shop_id`,`collection_id`) REFERENCES `collections`(`shop_id`,`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`shop_id`,`product_id`) REFERENCES `products`(`shop_id`,`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `collection_products_order_idx` ON `collection_products` (`shop_id`,`collection_id`,`position`);--> statement-breakpoint
CREATE TABLE `collections` (
	`shop_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`is_featured` integer DEFAULT false NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `collections_shop_id_id_unique` ON `collections` (`shop_id`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `collections_shop_slug_unique` ON `collections` (`shop_id`,`slug`);--> statement-breakpoint
CREATE TABLE `media` (
	`shop_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`content_hash` text NOT NULL,
	`original_filename` text,
	`mime_type` text NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`bytes` integer NOT NULL,
	`alt` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `media_shop_id_id_unique` ON `media` (`shop_id`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `media_shop_hash_unique` ON `media` (`shop_id`,`content_hash`);--> statement-breakpoint
CREATE TABLE `media_renditions` (
	`shop_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`media_id` text NOT NULL,
	`format` text NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`bytes` integer NOT NULL,
	`storage_key` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`shop_id`,`media_id`) REFERENCES `media`(`shop_id`,`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `media_renditions_shop_id_id_unique` ON `media_renditions` (`shop_id`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `media_renditions_variant_unique` ON `media_renditions` (`shop_id`,`media_id`,`format`,`width`);--> statement-breakpoint
CREATE TABLE `pages` (
	`shop_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`body_markdown` text DEFAULT '' NOT NULL,
	`body_html` text DEFAULT '' NOT NULL,
	`is_published` integer DEFAULT true NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`published_at` integer,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pages_shop_id_id_unique` ON `pages` (`shop_id`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `pages_shop_slug_unique` ON `pages` (`shop_id`,`slug`);--> statement-breakpoint
CREATE TABLE `product_media` (
	`shop_id` text NOT NULL,
	`product_id` text NOT NULL,
	`media_id` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`shop_id`, `product_id`, `media_id`),
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`shop_id`,`product_id`) REFERENCES `products`(`shop_id`,`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`shop_id`,`media_id`) REFERENCES `media`(`shop_id`,`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE TABLE `product_options` (
	`shop_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`product_id` text NOT NULL,
	`name` text NOT NULL,
	`position` integer NOT NULL,
	`values` text NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`shop_id`,`product_id`) REFERENCES `products`(`shop_id`,`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "product_options_position_range" CHECK("product_options"."position" BETWEEN 0 AND 2)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `product_options_shop_id_id_unique` ON `product_options` (`shop_id`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `product_options_position_unique` ON `product_options` (`shop_id`,`product_id`,`position`);--> statement-breakpoint
CREATE TABLE `product_slug_redirects` (
	`shop_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`product_id` text NOT NULL,
	`old_slug` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`shop_id`,`product_id`) REFERENCES `products`(`shop_id`,`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `product_slug_redirects_shop_id_id_unique` ON `product_slug_redirects` (`shop_id`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `product_slug_redirects_shop_slug_unique` ON `product_slug_redirects` (`shop_id`,`old_slug`);--> statement-breakpoint
CREATE TABLE `product_variants` (
	`shop_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`product_id` text NOT NULL,
	`option_values` text DEFAULT '[]' NOT NULL,
	`sku` text,
	`price_amount` integer NOT NULL,
	`compare_at_amount` integer,
	`currency` text NOT NULL,
	`stock` integer,
	`position` integer DEFAULT 0 NOT NULL,
	`media_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`shop_id`,`product_id`) REFERENCES `products`(`shop_id`,`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`shop_id`,`media_id`) REFERENCES `media`(`shop_id`,`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "product_variants_stock_non_negative" CHECK("product_variants"."stock" IS NULL OR "product_variants"."stock" >= 0),
	CONSTRAINT "product_variants_price_non_negative" CHECK("product_variants"."price_amount" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `product_variants_shop_id_id_unique` ON `product_variants` (`shop_id`,`id`);--> statement-breakpoint
CREATE INDEX `product_variants_product_idx` ON `product_variants` (`shop_id`,`product_id`,`position`);--> statement-breakpoint
CREATE TABLE `products` (
	`shop_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `products_shop_id_id_unique` ON `products` (`shop_id`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `products_shop_slug_unique` ON `products` (`shop_id`,`slug`);--> statement-breakpoint
CREATE INDEX `products_shop_status_position_idx` ON `products` (`shop_id`,`status`,`position`);--> statement-breakpoint
CREATE TABLE `delivery_areas` (
	`shop_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`postcodes` text DEFAULT '[]' NOT NULL,
	`fee_amount` integer NOT NULL,
	`minimum_order_amount` integer DEFAULT 0 NOT NULL,
	`free_over_amount` integer,
	`currency` text NOT NULL,
	`delivery_days` text DEFAULT '[]' NOT NULL,
	`is_active` integer DEFAULT true NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "delivery_areas_fee_non_negative" CHECK("delivery_areas"."fee_amount" >= 0 AND "delivery_areas"."minimum_order_amount" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `delivery_areas_shop_id_id_unique` ON `delivery_areas` (`shop_id`,`id`);--> statement-breakpoint
CREATE TABLE `discount_codes` (
	`shop_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`kind` text NOT NULL,
	`value` integer NOT NULL,
	`currency` text NOT NULL,
	`minimum_subtotal_amount` integer DEFAULT 0 NOT NULL,
	`starts_at` integer,
	`ends_at` integer,
	`usage_limit` integer,
	`usage_count` integer DEFAULT 0 NOT NULL,
	`is_active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "discount_codes_value_positive" CHECK("discount_codes"."value" > 0),
	CONSTRAINT "discount_codes_usage_within_limit" CHECK("discount_codes"."usage_count" >= 0 AND ("discount_codes"."usage_limit" IS NULL OR "discount_codes"."usage_count" <= "discount_codes"."usage_limit"))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `discount_codes_shop_id_id_unique` ON `discount_codes` (`shop_id`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `discount_codes_shop_code_unique` ON `discount_codes` (`shop_id`,`code`);--> statement-breakpoint
CREATE TABLE `pickup_points` (
	`shop_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`address` text NOT NULL,
	`hours` text DEFAULT '[]' NOT NULL,
	`instructions` text DEFAULT '' NOT NULL,
	`is_active` integer DEFAULT true NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pickup_points_shop_id_id_unique` ON `pickup_points` (`shop_id`,`id`);--> statement-breakpoint
CREATE TABLE `shipping_rates` (
	`shop_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`countries` text NOT NULL,
	`price_amount` integer NOT NULL,
	`free_over_amount` integer,
	`currency` text NOT NULL,
	`min_days` integer,
	`max_days` integer,
	`is_active` integer DEFAULT true NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "shipping_rates_price_non_negative" CHECK("shipping_rates"."price_amount" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shipping_rates_shop_id_id_unique` ON `shipping_rates` (`shop_id`,`id`);--> statement-breakpoint
CREATE TABLE `tax_settings` (
	`shop_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`mode` text DEFAULT 'none' NOT NULL,
	`rate_bps` integer DEFAULT 0 NOT NULL,
	`label` text DEFAULT 'Tax' NOT NULL,
	`applies_to_fulfilment` integer DEFAULT false NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "tax_settings_rate_range" CHECK("tax_settings"."rate_bps" BETWEEN 0 AND 10000)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tax_settings_shop_id_id_unique` ON `tax_settings` (`shop_id`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `tax_settings_shop_unique` ON `tax_settings` (`shop_id`);--> statement-breakpoint
CREATE TABLE `cart_lines` (
	`shop_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`cart_id` text NOT NULL,
	`variant_id` text NOT NULL,
	`quantity` integer NOT NULL,
	`unit_price_amount` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`shop_id`,`cart_id`) REFERENCES `carts`(`shop_id`,`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`shop_id`,`variant_id`) REFERENCES `product_variants`(`shop_id`,`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "cart_lines_quantity_positive" CHECK("cart_lines"."quantity" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cart_lines_shop_id_id_unique` ON `cart_lines` (`shop_id`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `cart_lines_cart_variant_unique` ON `cart_lines` (`shop_id`,`cart_id`,`variant_id`);--> statement-breakpoint
CREATE TABLE `carts` (
	`shop_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`currency` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `carts_shop_id_id_unique` ON `carts` (`shop_id`,`id`);--> statement-breakpoint
CREATE INDEX `carts_expiry_idx` ON `carts` (`expires_at`);--> statement-breakpoint
CREATE TABLE `order_events` (
	`shop_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`actor_type` text NOT NULL,
	`actor_id` text,
	`note` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`shop_id`,`order_id`) REFERENCES `orders`(`shop_id`,`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `order_events_shop_id_id_unique` ON `order_events` (`shop_id`,`id`);--> statement-breakpoint
CREATE INDEX `order_events_order_idx` ON `order_events` (`shop_id`,`order_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `order_lines` (
	`shop_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`product_id` text NOT NULL,
	`variant_id` text NOT NULL,
	`title` text NOT NULL,
	`variant_title` text DEFAULT '' NOT NULL,
	`option_values` text DEFAULT '[]' NOT NULL,
	`sku` text,
	`quantity` integer NOT NULL,
	`unit_price_amount` integer NOT NULL,
	`subtotal_amount` integer NOT NULL,
	`discount_amount` integer DEFAULT 0 NOT NULL,
	`tax_amount` integer DEFAULT 0 NOT NULL,
	`total_amount` integer NOT NULL,
	`currency` text NOT NULL,
	`is_stock_tracked` integer NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`shop_id`,`order_id`) REFERENCES `orders`(`shop_id`,`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "order_lines_quantity_positive" CHECK("order_lines"."quantity" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `order_lines_shop_id_id_unique` ON `order_lines` (`shop_id`,`id`);--> statement-breakpoint
CREATE INDEX `order_lines_order_idx` ON `order_lines` (`shop_id`,`order_id`,`position`);--> statement-breakpoint
CREATE TABLE `orders` (
	`shop_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`number` integer NOT NULL,
	`status` text NOT NULL,
	`buyer_token_hash` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`request_hash` text NOT NULL,
	`currency` text NOT NULL,
	`subtotal_amount` integer NOT NULL,
	`discount_amount` integer DEFAULT 0 NOT NULL,
	`fulfilment_amount` integer DEFAULT 0 NOT NULL,
	`tax_amount` integer DEFAULT 0 NOT NULL,
	`tax_mode` text DEFAULT 'none' NOT NULL,
	`total_amount` integer NOT NULL,
	`refunded_amount` integer DEFAULT 0 NOT NULL,
	`application_fee_amount` integer DEFAULT 0 NOT NULL,
	`discount_code` text,
	`buyer_name` text NOT NULL,
	`buyer_email` text,
	`buyer_phone` text,
	`buyer_locale` text NOT NULL,
	`fulfilment` text NOT NULL,
	`payment_method` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`stripe_checkout_session_id` text,
	`hold_expires_at` integer,
	`stock_released_at` integer,
	`placed_at` integer NOT NULL,
	`paid_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "orders_amounts_non_negative" CHECK("orders"."subtotal_amount" >= 0 AND "orders"."discount_amount" >= 0 AND "orders"."fulfilment_amount" >= 0 AND "orders"."tax_amount" >= 0 AND "orders"."total_amount" >= 0),
	CONSTRAINT "orders_refund_within_total" CHECK("orders"."refunded_amount" >= 0 AND "orders"."refunded_amount" <= "orders"."total_amount")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `orders_shop_id_id_unique` ON `orders` (`shop_id`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `orders_shop_number_unique` ON `orders` (`shop_id`,`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `orders_shop_idempotency_unique` ON `orders` (`shop_id`,`idempotency_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `orders_checkout_session_unique` ON `orders` (`stripe_checkout_session_id`);--> statement-breakpoint
CREATE INDEX `orders_shop_status_idx` ON `orders` (`shop_id`,`status`,`placed_at`);--> statement-breakpoint
CREATE INDEX `orders_hold_expiry_idx` ON `orders` (`hold_expires_at`);--> statement-breakpoint
CREATE TABLE `payments` (
	`shop_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`provider` text NOT NULL,
	`method` text NOT NULL,
	`status` text NOT NULL,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`provider_reference` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`shop_id`,`order_id`) REFERENCES `orders`(`shop_id`,`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "payments_amount_positive" CHECK("payments"."amount" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payments_shop_id_id_unique` ON `payments` (`shop_id`,`id`);--> statement-breakpoint
CREATE INDEX `payments_order_idx` ON `payments` (`shop_id`,`order_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `payments_provider_reference_unique` ON `payments` (`provider`,`provider_reference`);--> statement-breakpoint
CREATE TABLE `refunds` (
	`shop_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`order_id` text NOT NULL,
	`payment_id` text,
	`amount` integer NOT NULL,
	`currency` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`status` text NOT NULL,
	`provider_reference` text,
	`idempotency_key` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`shop_id`,`order_id`) REFERENCES `orders`(`shop_id`,`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`shop_id`,`payment_id`) REFERENCES `payments`(`shop_id`,`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "refunds_amount_positive" CHECK("refunds"."amount" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `refunds_shop_id_id_unique` ON `refunds` (`shop_id`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `refunds_idempotency_unique` ON `refunds` (`shop_id`,`idempotency_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `refunds_provider_reference_unique` ON `refunds` (`provider_reference`);--> statement-breakpoint
CREATE TABLE `webhook_events` (
	`shop_id` text NOT NULL,
	`id` text PRIMARY KEY NOT NULL,
	`provider` text NOT NULL,
	`event_id` text NOT NULL,
	`type` text NOT NULL,
	`object_id` text,
	`received_at` integer NOT NULL,
	`processed_at` integer,
	`outcome` text DEFAULT '' NOT NULL,
	`payload` text,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_events_shop_id_id_unique` ON `webhook_events` (`shop_id`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_events_provider_event_unique` ON `webhook_events` (`provider`,`event_id`);--> statement-breakpoint
CREATE INDEX `webhook_events_object_idx` ON `webhook_events` (`provider`,`object_id`,`type`);