-- The audit log is append-only (decision 024): no statement may change an entry, and an entry may only
-- go when its shop has gone. Deleting a shop removes its entries through the foreign key's ON DELETE
-- CASCADE, which runs after the shop row is deleted, so the trigger below lets exactly those through;
-- entries with no shop (sign-ins, operator actions, the note that a shop was purged) can never go.
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: entries are never changed');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log`
WHEN OLD.`shop_id` IS NULL OR EXISTS (SELECT 1 FROM `shops` WHERE `shops`.`id` = OLD.`shop_id`)
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only: entries go only with their deleted shop');
END;
