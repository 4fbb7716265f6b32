CREATE TABLE `pod_fences` (
	`shop_id` text PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `shop_pods` (
	`shop_id` text PRIMARY KEY NOT NULL,
	`pod` text NOT NULL,
	`state` text DEFAULT 'placed' NOT NULL,
	`moving_to` text,
	`changed_at` integer NOT NULL,
	`seq` integer NOT NULL,
	FOREIGN KEY (`shop_id`) REFERENCES `shops`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shop_pods_seq` ON `shop_pods` (`seq`);--> statement-breakpoint
-- Pod fences (decision 040): while a shop moves, every write to its rows in the source pod is refused by
-- the database itself, whichever process or tool writes; once it has left, only deletes are let through.
-- One trigger per shop table and operation: a shop table added later needs its three (pods.int.test.ts checks).
CREATE TRIGGER `cart_lines_pod_fence_insert` BEFORE INSERT ON `cart_lines`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = NEW.`shop_id`)
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `cart_lines_pod_fence_update` BEFORE UPDATE ON `cart_lines`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` IN (OLD.`shop_id`, NEW.`shop_id`))
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `cart_lines_pod_fence_delete` BEFORE DELETE ON `cart_lines`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = OLD.`shop_id` AND `state` = 'moving')
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `carts_pod_fence_insert` BEFORE INSERT ON `carts`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = NEW.`shop_id`)
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `carts_pod_fence_update` BEFORE UPDATE ON `carts`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` IN (OLD.`shop_id`, NEW.`shop_id`))
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `carts_pod_fence_delete` BEFORE DELETE ON `carts`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = OLD.`shop_id` AND `state` = 'moving')
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `collection_products_pod_fence_insert` BEFORE INSERT ON `collection_products`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = NEW.`shop_id`)
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `collection_products_pod_fence_update` BEFORE UPDATE ON `collection_products`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` IN (OLD.`shop_id`, NEW.`shop_id`))
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `collection_products_pod_fence_delete` BEFORE DELETE ON `collection_products`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = OLD.`shop_id` AND `state` = 'moving')
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `collections_pod_fence_insert` BEFORE INSERT ON `collections`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = NEW.`shop_id`)
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `collections_pod_fence_update` BEFORE UPDATE ON `collections`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` IN (OLD.`shop_id`, NEW.`shop_id`))
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `collections_pod_fence_delete` BEFORE DELETE ON `collections`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = OLD.`shop_id` AND `state` = 'moving')
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `delivery_areas_pod_fence_insert` BEFORE INSERT ON `delivery_areas`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = NEW.`shop_id`)
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `delivery_areas_pod_fence_update` BEFORE UPDATE ON `delivery_areas`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` IN (OLD.`shop_id`, NEW.`shop_id`))
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `delivery_areas_pod_fence_delete` BEFORE DELETE ON `delivery_areas`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = OLD.`shop_id` AND `state` = 'moving')
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `discount_codes_pod_fence_insert` BEFORE INSERT ON `discount_codes`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = NEW.`shop_id`)
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `discount_codes_pod_fence_update` BEFORE UPDATE ON `discount_codes`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` IN (OLD.`shop_id`, NEW.`shop_id`))
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `discount_codes_pod_fence_delete` BEFORE DELETE ON `discount_codes`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = OLD.`shop_id` AND `state` = 'moving')
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `media_pod_fence_insert` BEFORE INSERT ON `media`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = NEW.`shop_id`)
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `media_pod_fence_update` BEFORE UPDATE ON `media`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` IN (OLD.`shop_id`, NEW.`shop_id`))
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `media_pod_fence_delete` BEFORE DELETE ON `media`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = OLD.`shop_id` AND `state` = 'moving')
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `media_renditions_pod_fence_insert` BEFORE INSERT ON `media_renditions`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = NEW.`shop_id`)
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `media_renditions_pod_fence_update` BEFORE UPDATE ON `media_renditions`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` IN (OLD.`shop_id`, NEW.`shop_id`))
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `media_renditions_pod_fence_delete` BEFORE DELETE ON `media_renditions`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = OLD.`shop_id` AND `state` = 'moving')
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `notifications_pod_fence_insert` BEFORE INSERT ON `notifications`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = NEW.`shop_id`)
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `notifications_pod_fence_update` BEFORE UPDATE ON `notifications`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` IN (OLD.`shop_id`, NEW.`shop_id`))
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `notifications_pod_fence_delete` BEFORE DELETE ON `notifications`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = OLD.`shop_id` AND `state` = 'moving')
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `order_events_pod_fence_insert` BEFORE INSERT ON `order_events`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = NEW.`shop_id`)
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `order_events_pod_fence_update` BEFORE UPDATE ON `order_events`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` IN (OLD.`shop_id`, NEW.`shop_id`))
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `order_events_pod_fence_delete` BEFORE DELETE ON `order_events`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = OLD.`shop_id` AND `state` = 'moving')
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `order_lines_pod_fence_insert` BEFORE INSERT ON `order_lines`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = NEW.`shop_id`)
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `order_lines_pod_fence_update` BEFORE UPDATE ON `order_lines`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` IN (OLD.`shop_id`, NEW.`shop_id`))
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `order_lines_pod_fence_delete` BEFORE DELETE ON `order_lines`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = OLD.`shop_id` AND `state` = 'moving')
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `orders_pod_fence_insert` BEFORE INSERT ON `orders`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = NEW.`shop_id`)
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `orders_pod_fence_update` BEFORE UPDATE ON `orders`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` IN (OLD.`shop_id`, NEW.`shop_id`))
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `orders_pod_fence_delete` BEFORE DELETE ON `orders`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = OLD.`shop_id` AND `state` = 'moving')
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `pages_pod_fence_insert` BEFORE INSERT ON `pages`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = NEW.`shop_id`)
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `pages_pod_fence_update` BEFORE UPDATE ON `pages`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` IN (OLD.`shop_id`, NEW.`shop_id`))
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `pages_pod_fence_delete` BEFORE DELETE ON `pages`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = OLD.`shop_id` AND `state` = 'moving')
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `payments_pod_fence_insert` BEFORE INSERT ON `payments`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = NEW.`shop_id`)
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `payments_pod_fence_update` BEFORE UPDATE ON `payments`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` IN (OLD.`shop_id`, NEW.`shop_id`))
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `payments_pod_fence_delete` BEFORE DELETE ON `payments`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = OLD.`shop_id` AND `state` = 'moving')
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `photo_import_items_pod_fence_insert` BEFORE INSERT ON `photo_import_items`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = NEW.`shop_id`)
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `photo_import_items_pod_fence_update` BEFORE UPDATE ON `photo_import_items`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` IN (OLD.`shop_id`, NEW.`shop_id`))
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `photo_import_items_pod_fence_delete` BEFORE DELETE ON `photo_import_items`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = OLD.`shop_id` AND `state` = 'moving')
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `photo_imports_pod_fence_insert` BEFORE INSERT ON `photo_imports`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = NEW.`shop_id`)
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `photo_imports_pod_fence_update` BEFORE UPDATE ON `photo_imports`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` IN (OLD.`shop_id`, NEW.`shop_id`))
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `photo_imports_pod_fence_delete` BEFORE DELETE ON `photo_imports`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = OLD.`shop_id` AND `state` = 'moving')
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `pickup_points_pod_fence_insert` BEFORE INSERT ON `pickup_points`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = NEW.`shop_id`)
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `pickup_points_pod_fence_update` BEFORE UPDATE ON `pickup_points`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` IN (OLD.`shop_id`, NEW.`shop_id`))
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `pickup_points_pod_fence_delete` BEFORE DELETE ON `pickup_points`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = OLD.`shop_id` AND `state` = 'moving')
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `product_media_pod_fence_insert` BEFORE INSERT ON `product_media`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = NEW.`shop_id`)
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `product_media_pod_fence_update` BEFORE UPDATE ON `product_media`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` IN (OLD.`shop_id`, NEW.`shop_id`))
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `product_media_pod_fence_delete` BEFORE DELETE ON `product_media`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = OLD.`shop_id` AND `state` = 'moving')
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `product_options_pod_fence_insert` BEFORE INSERT ON `product_options`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = NEW.`shop_id`)
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `product_options_pod_fence_update` BEFORE UPDATE ON `product_options`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` IN (OLD.`shop_id`, NEW.`shop_id`))
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `product_options_pod_fence_delete` BEFORE DELETE ON `product_options`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = OLD.`shop_id` AND `state` = 'moving')
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `product_slug_redirects_pod_fence_insert` BEFORE INSERT ON `product_slug_redirects`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = NEW.`shop_id`)
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `product_slug_redirects_pod_fence_update` BEFORE UPDATE ON `product_slug_redirects`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` IN (OLD.`shop_id`, NEW.`shop_id`))
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `product_slug_redirects_pod_fence_delete` BEFORE DELETE ON `product_slug_redirects`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = OLD.`shop_id` AND `state` = 'moving')
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `product_variants_pod_fence_insert` BEFORE INSERT ON `product_variants`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = NEW.`shop_id`)
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `product_variants_pod_fence_update` BEFORE UPDATE ON `product_variants`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` IN (OLD.`shop_id`, NEW.`shop_id`))
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `product_variants_pod_fence_delete` BEFORE DELETE ON `product_variants`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = OLD.`shop_id` AND `state` = 'moving')
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `products_pod_fence_insert` BEFORE INSERT ON `products`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = NEW.`shop_id`)
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `products_pod_fence_update` BEFORE UPDATE ON `products`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` IN (OLD.`shop_id`, NEW.`shop_id`))
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `products_pod_fence_delete` BEFORE DELETE ON `products`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = OLD.`shop_id` AND `state` = 'moving')
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `refunds_pod_fence_insert` BEFORE INSERT ON `refunds`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = NEW.`shop_id`)
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `refunds_pod_fence_update` BEFORE UPDATE ON `refunds`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` IN (OLD.`shop_id`, NEW.`shop_id`))
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `refunds_pod_fence_delete` BEFORE DELETE ON `refunds`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = OLD.`shop_id` AND `state` = 'moving')
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `shipping_rates_pod_fence_insert` BEFORE INSERT ON `shipping_rates`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = NEW.`shop_id`)
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `shipping_rates_pod_fence_update` BEFORE UPDATE ON `shipping_rates`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` IN (OLD.`shop_id`, NEW.`shop_id`))
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `shipping_rates_pod_fence_delete` BEFORE DELETE ON `shipping_rates`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = OLD.`shop_id` AND `state` = 'moving')
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `shop_page_weights_pod_fence_insert` BEFORE INSERT ON `shop_page_weights`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = NEW.`shop_id`)
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `shop_page_weights_pod_fence_update` BEFORE UPDATE ON `shop_page_weights`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` IN (OLD.`shop_id`, NEW.`shop_id`))
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `shop_page_weights_pod_fence_delete` BEFORE DELETE ON `shop_page_weights`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = OLD.`shop_id` AND `state` = 'moving')
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `tax_settings_pod_fence_insert` BEFORE INSERT ON `tax_settings`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = NEW.`shop_id`)
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `tax_settings_pod_fence_update` BEFORE UPDATE ON `tax_settings`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` IN (OLD.`shop_id`, NEW.`shop_id`))
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `tax_settings_pod_fence_delete` BEFORE DELETE ON `tax_settings`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = OLD.`shop_id` AND `state` = 'moving')
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `webhook_events_pod_fence_insert` BEFORE INSERT ON `webhook_events`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = NEW.`shop_id`)
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `webhook_events_pod_fence_update` BEFORE UPDATE ON `webhook_events`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` IN (OLD.`shop_id`, NEW.`shop_id`))
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
--> statement-breakpoint
CREATE TRIGGER `webhook_events_pod_fence_delete` BEFORE DELETE ON `webhook_events`
WHEN EXISTS (SELECT 1 FROM `pod_fences` WHERE `shop_id` = OLD.`shop_id` AND `state` = 'moving')
BEGIN SELECT RAISE(ABORT, 'stall_shop_moving: this shop is moving between databases'); END;
