ALTER TABLE `orders` ADD `discount_code_id` text;--> statement-breakpoint
-- Orders still holding their stock get their code's id, so cancelling them gives the use back. Orders that
-- already released their stock keep none: their use was not given back then and must not be taken again.
UPDATE `orders` SET `discount_code_id` = (
  SELECT `discount_codes`.`id` FROM `discount_codes`
  WHERE `discount_codes`.`shop_id` = `orders`.`shop_id` AND `discount_codes`.`code` = `orders`.`discount_code`
) WHERE `discount_code` IS NOT NULL AND `stock_released_at` IS NULL;
