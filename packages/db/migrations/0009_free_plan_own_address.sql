-- The Free plan keeps the one own web address shops could connect before plans had limits (decision 027).
-- Only a Free plan no operator has changed yet (updated_at still empty) is touched.
UPDATE `plans` SET `max_custom_domains` = 1 WHERE `id` = 'plan_free' AND `updated_at` IS NULL;
