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
-- shop's version (stock changed), so it marks that one shop, not the others. A purged shop leaves no row
-- of its own: its deletion is recorded under '*', which tells every process to drop everything.
CREATE TRIGGER `shops_directory_insert` AFTER INSERT ON `shops`
BEGIN
  INSERT INTO `shop_directory_changes` (`shop_id`, `seq`)
    SELECT NEW.`id`, (SELECT coalesce(max(`seq`), 0) + 1 FROM `shop_directory_changes`) WHERE true
    ON CONFLICT (`shop_id`) DO UPDATE SET `seq` = excluded.`seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `shops_directory_delete` AFTER DELETE ON `shops`
BEGIN
  INSERT INTO `shop_directory_changes` (`shop_id`, `seq`)
    SELECT '*', (SELECT coalesce(max(`seq`), 0) + 1 FROM `shop_directory_changes`) WHERE true
    ON CONFLICT (`shop_id`) DO UPDATE SET `seq` = excluded.`seq`;
  DELETE FROM `shop_directory_changes` WHERE `shop_id` = OLD.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `shops_directory_update` AFTER UPDATE OF `slug`, `status`, `is_published`, `deletion_due_at`, `version`, `plan_id` ON `shops`
BEGIN
  INSERT INTO `shop_directory_changes` (`shop_id`, `seq`)
    SELECT NEW.`id`, (SELECT coalesce(max(`seq`), 0) + 1 FROM `shop_directory_changes`) WHERE true
    ON CONFLICT (`shop_id`) DO UPDATE SET `seq` = excluded.`seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `shop_domains_directory_insert` AFTER INSERT ON `shop_domains`
BEGIN
  INSERT INTO `shop_directory_changes` (`shop_id`, `seq`)
    SELECT NEW.`shop_id`, (SELECT coalesce(max(`seq`), 0) + 1 FROM `shop_directory_changes`) WHERE EXISTS (SELECT 1 FROM `shops` WHERE `id` = NEW.`shop_id`)
    ON CONFLICT (`shop_id`) DO UPDATE SET `seq` = excluded.`seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `shop_domains_directory_delete` AFTER DELETE ON `shop_domains`
BEGIN
  INSERT INTO `shop_directory_changes` (`shop_id`, `seq`)
    SELECT OLD.`shop_id`, (SELECT coalesce(max(`seq`), 0) + 1 FROM `shop_directory_changes`) WHERE EXISTS (SELECT 1 FROM `shops` WHERE `id` = OLD.`shop_id`)
    ON CONFLICT (`shop_id`) DO UPDATE SET `seq` = excluded.`seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `shop_domains_directory_update_old` AFTER UPDATE OF `hostname`, `verified_at`, `shop_id` ON `shop_domains`
BEGIN
  INSERT INTO `shop_directory_changes` (`shop_id`, `seq`)
    SELECT OLD.`shop_id`, (SELECT coalesce(max(`seq`), 0) + 1 FROM `shop_directory_changes`) WHERE EXISTS (SELECT 1 FROM `shops` WHERE `id` = OLD.`shop_id`)
    ON CONFLICT (`shop_id`) DO UPDATE SET `seq` = excluded.`seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `shop_domains_directory_update_new` AFTER UPDATE OF `hostname`, `verified_at`, `shop_id` ON `shop_domains`
BEGIN
  INSERT INTO `shop_directory_changes` (`shop_id`, `seq`)
    SELECT NEW.`shop_id`, (SELECT coalesce(max(`seq`), 0) + 1 FROM `shop_directory_changes`) WHERE EXISTS (SELECT 1 FROM `shops` WHERE `id` = NEW.`shop_id`)
    ON CONFLICT (`shop_id`) DO UPDATE SET `seq` = excluded.`seq`;
END;
