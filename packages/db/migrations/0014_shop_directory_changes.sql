CREATE TABLE `shop_directory_changes` (
	`shop_id` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shop_directory_changes_seq` ON `shop_directory_changes` (`seq`);
--> statement-breakpoint
-- Written by hand after the generated table: every change to what a storefront host resolves to records
-- the shop it touched, with the next number of one sequence, in the same transaction as the change,
-- whoever makes it (any API process, a script, the shell). API processes read the rows above the last
-- number they saw and drop those shops from their host directory (decision 036). An order bumps its
-- shop's version (stock changed), so it marks that one shop, not the others.
CREATE TRIGGER `shops_directory_insert` AFTER INSERT ON `shops`
BEGIN
  INSERT INTO `shop_directory_changes` (`shop_id`, `seq`)
    VALUES (NEW.`id`, (SELECT coalesce(max(`seq`), 0) + 1 FROM `shop_directory_changes`))
    ON CONFLICT (`shop_id`) DO UPDATE SET `seq` = excluded.`seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `shops_directory_delete` AFTER DELETE ON `shops`
BEGIN
  INSERT INTO `shop_directory_changes` (`shop_id`, `seq`)
    VALUES (OLD.`id`, (SELECT coalesce(max(`seq`), 0) + 1 FROM `shop_directory_changes`))
    ON CONFLICT (`shop_id`) DO UPDATE SET `seq` = excluded.`seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `shops_directory_update` AFTER UPDATE OF `slug`, `status`, `is_published`, `deletion_due_at`, `version`, `plan_id` ON `shops`
BEGIN
  INSERT INTO `shop_directory_changes` (`shop_id`, `seq`)
    VALUES (NEW.`id`, (SELECT coalesce(max(`seq`), 0) + 1 FROM `shop_directory_changes`))
    ON CONFLICT (`shop_id`) DO UPDATE SET `seq` = excluded.`seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `shop_domains_directory_insert` AFTER INSERT ON `shop_domains`
BEGIN
  INSERT INTO `shop_directory_changes` (`shop_id`, `seq`)
    VALUES (NEW.`shop_id`, (SELECT coalesce(max(`seq`), 0) + 1 FROM `shop_directory_changes`))
    ON CONFLICT (`shop_id`) DO UPDATE SET `seq` = excluded.`seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `shop_domains_directory_delete` AFTER DELETE ON `shop_domains`
BEGIN
  INSERT INTO `shop_directory_changes` (`shop_id`, `seq`)
    VALUES (OLD.`shop_id`, (SELECT coalesce(max(`seq`), 0) + 1 FROM `shop_directory_changes`))
    ON CONFLICT (`shop_id`) DO UPDATE SET `seq` = excluded.`seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `shop_domains_directory_update_old` AFTER UPDATE OF `hostname`, `verified_at`, `shop_id` ON `shop_domains`
BEGIN
  INSERT INTO `shop_directory_changes` (`shop_id`, `seq`)
    VALUES (OLD.`shop_id`, (SELECT coalesce(max(`seq`), 0) + 1 FROM `shop_directory_changes`))
    ON CONFLICT (`shop_id`) DO UPDATE SET `seq` = excluded.`seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `shop_domains_directory_update_new` AFTER UPDATE OF `hostname`, `verified_at`, `shop_id` ON `shop_domains`
BEGIN
  INSERT INTO `shop_directory_changes` (`shop_id`, `seq`)
    VALUES (NEW.`shop_id`, (SELECT coalesce(max(`seq`), 0) + 1 FROM `shop_directory_changes`))
    ON CONFLICT (`shop_id`) DO UPDATE SET `seq` = excluded.`seq`;
END;
