CREATE TABLE `shop_directory_changes` (
	`id` integer PRIMARY KEY NOT NULL,
	`counter` integer DEFAULT 0 NOT NULL,
	CONSTRAINT "shop_directory_changes_one_row" CHECK("shop_directory_changes"."id" = 1)
);
--> statement-breakpoint
INSERT INTO `shop_directory_changes` (`id`, `counter`) VALUES (1, 0);
--> statement-breakpoint
-- Written by hand after the generated table: every change to what a storefront host resolves to bumps the
-- counter in the same statement's transaction, whoever makes it (any API process, a script, the shell).
-- Orders touch other columns of `shops` (next_order_number, last_order_at) and bump nothing here.
CREATE TRIGGER `shops_directory_insert` AFTER INSERT ON `shops`
BEGIN
  UPDATE `shop_directory_changes` SET `counter` = `counter` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `shops_directory_delete` AFTER DELETE ON `shops`
BEGIN
  UPDATE `shop_directory_changes` SET `counter` = `counter` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `shops_directory_update` AFTER UPDATE OF `slug`, `status`, `is_published`, `deletion_due_at`, `version`, `plan_id` ON `shops`
BEGIN
  UPDATE `shop_directory_changes` SET `counter` = `counter` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `shop_domains_directory_insert` AFTER INSERT ON `shop_domains`
BEGIN
  UPDATE `shop_directory_changes` SET `counter` = `counter` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `shop_domains_directory_delete` AFTER DELETE ON `shop_domains`
BEGIN
  UPDATE `shop_directory_changes` SET `counter` = `counter` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `shop_domains_directory_update` AFTER UPDATE OF `hostname`, `verified_at`, `shop_id` ON `shop_domains`
BEGIN
  UPDATE `shop_directory_changes` SET `counter` = `counter` + 1 WHERE `id` = 1;
END;
