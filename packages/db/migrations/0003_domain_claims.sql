DROP INDEX `shop_domains_hostname_unique`;--> statement-breakpoint
CREATE UNIQUE INDEX `shop_domains_verified_hostname_unique` ON `shop_domains` (`hostname`) WHERE "shop_domains"."verified_at" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `shop_domains_shop_hostname_unique` ON `shop_domains` (`shop_id`,`hostname`);