CREATE TABLE `job_leases` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`token` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`next_run_at` integer DEFAULT 0 NOT NULL,
	`last_finished_at` integer,
	`last_outcome` text,
	`updated_at` integer NOT NULL
);
