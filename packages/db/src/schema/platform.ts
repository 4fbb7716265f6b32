// Platform tables: rows that belong to no single shop, or that map to shops (directory).

import {
  AGE_BANDS,
  type HelperPermission,
  MEMBERSHIP_ROLES,
  type PaymentMethod,
  SHOP_STATUSES,
  USER_ROLES,
} from "@stall/domain";
import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { amount, createdAt, flag, json, timestamp, updatedAt } from "./columns.ts";

export const plans = sqliteTable("plans", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  priceAmount: amount("price_amount").notNull(),
  currency: text("currency").notNull(),
  maxProducts: integer("max_products").notNull(),
  storageQuotaBytes: integer("storage_quota_bytes").notNull(),
  applicationFeeBasisPoints: integer("application_fee_bps").notNull(),
  /** Staff and helpers a shop may have besides its owner. */
  maxMembers: integer("max_members").notNull().default(2),
  /** Own web addresses (custom domains) a shop may connect. */
  maxCustomDomains: integer("max_custom_domains").notNull().default(0),
  /** The ways of getting paid a shop on this plan may offer. */
  paymentMethods: json<PaymentMethod[]>("payment_methods")
    .notNull()
    .default(sql`'["stripe","pay_at_pickup","cash_on_delivery","bank_transfer"]'`),
  description: text("description").notNull().default(""),
  isDefault: flag("is_default").notNull().default(false),
  createdAt: createdAt(),
  updatedAt: timestamp("updated_at"),
});

/**
 * Programmes that bring a group of small businesses online ("Riverside market 2026"). A shop made
 * through a cohort's invitation link joins it; the programme sees the cohort's figures.
 */
export const cohorts = sqliteTable(
  "cohorts",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    /** The secret part of the invitation link (`/join/{code}`); stored as is, it only grants joining. */
    inviteCode: text("invite_code").notNull(),
    createdBy: text("created_by").references(() => users.id),
    createdAt: createdAt(),
    archivedAt: timestamp("archived_at"),
  },
  (t) => [uniqueIndex("cohorts_invite_code_unique").on(t.inviteCode)],
);

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    locale: text("locale").notNull().default("en"),
    role: text("role", { enum: USER_ROLES }).notNull().default("user"),
    /** Optional, stated by the owner; reported only in aggregate for groups of 5 or more. */
    ageBand: text("age_band", { enum: AGE_BANDS }),
    emailVerifiedAt: timestamp("email_verified_at"),
    passwordChangedAt: timestamp("password_changed_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email)],
);

export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    userAgent: text("user_agent"),
    ip: text("ip"),
    createdAt: createdAt(),
    /** When the password was last entered on this session (sign-in or re-confirmation). */
    confirmedAt: timestamp("confirmed_at"),
    lastUsedAt: timestamp("last_used_at").notNull(),
    expiresAt: timestamp("expires_at").notNull(),
    revokedAt: timestamp("revoked_at"),
  },
  (t) => [uniqueIndex("sessions_token_hash_unique").on(t.tokenHash), index("sessions_user_idx").on(t.userId)],
);

export const passwordResets = sqliteTable(
  "password_resets",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at").notNull(),
    usedAt: timestamp("used_at"),
  },
  (t) => [uniqueIndex("password_resets_token_hash_unique").on(t.tokenHash)],
);

/** Failed sign-in counters per account and per IP, shared by every API process. */
export const loginThrottles = sqliteTable("login_throttles", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  windowStartedAt: timestamp("window_started_at").notNull(),
  lockedUntil: timestamp("locked_until"),
});

export type ThemeTokensValue = {
  accent?: string;
  background?: string;
  text?: string;
  radius?: "none" | "small" | "large";
  density?: "cosy" | "roomy";
};

/** A shop's return policy as schema.org's MerchantReturnPolicy sees it. */
export type ReturnPolicyValue = {
  /** false: no returns accepted (MerchantReturnNotPermitted). */
  isAccepted: boolean;
  /** Days after delivery a buyer may return; null with isAccepted means no limit. */
  days: number | null;
  method: "by_mail" | "in_store" | "by_mail_or_in_store";
  fees: "free" | "buyer_pays_shipping";
  /** ISO 3166-1 alpha-2 countries the policy applies to; empty means the shop's own country. */
  countries: string[];
};

export const shops = sqliteTable(
  "shops",
  {
    id: text("id").primaryKey(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    status: text("status", { enum: SHOP_STATUSES }).notNull().default("active"),
    /** Why an operator suspended or closed the shop; shown to the owner. */
    statusReason: text("status_reason"),
    statusChangedAt: timestamp("status_changed_at"),
    /** Operators may open the shop's dashboard for support until then; set only by the owner. */
    supportAccessUntil: timestamp("support_access_until"),
    /** A deletion is scheduled: every row and file of the shop goes at this time unless undone. */
    deletionDueAt: timestamp("deletion_due_at"),
    deletionRequestedBy: text("deletion_requested_by"),
    /**
     * The purge job's claim on a due deletion: one API process at a time purges a shop; a claim that
     * runs out (the process died) lets another take over.
     */
    deletionClaimedUntil: timestamp("deletion_claimed_until"),
    cohortId: text("cohort_id").references(() => cohorts.id, { onDelete: "set null" }),
    /** When the last order was placed; set in the order's own write, for operators' filters. */
    lastOrderAt: timestamp("last_order_at"),
    isPublished: flag("is_published").notNull().default(false),
    publishedAt: timestamp("published_at"),
    planId: text("plan_id")
      .notNull()
      .references(() => plans.id),
    currency: text("currency").notNull(),
    locale: text("locale").notNull(),
    extraLocales: json<string[]>("extra_locales").notNull().default(sql`'[]'`),
    tagline: text("tagline").notNull().default(""),
    contactEmail: text("contact_email"),
    contactPhone: text("contact_phone"),
    address: text("address"),
    themePreset: text("theme_preset").notNull().default("market"),
    themeTokens: json<ThemeTokensValue>("theme_tokens").notNull().default(sql`'{}'`),
    logoMediaId: text("logo_media_id"),
    socialLinks: json<{ label: string; url: string }[]>("social_links").notNull().default(sql`'[]'`),
    policies: json<Record<string, string>>("policies").notNull().default(sql`'{}'`),
    /**
     * The return policy in terms search engines understand (JSON-LD hasMerchantReturnPolicy); null
     * until the owner sets it. The text policy in `policies.returns` stays what buyers read.
     */
    returnPolicy: json<ReturnPolicyValue>("return_policy"),
    paymentMethods: json<string[]>("payment_methods").notNull().default(sql`'["pay_at_pickup"]'`),
    bankTransferInstructions: text("bank_transfer_instructions"),
    /** Holiday mode: the shop stays visible but takes no new orders; the message says why and until when. */
    isPaused: flag("is_paused").notNull().default(false),
    pauseMessage: text("pause_message").notNull().default(""),
    stripeAccountId: text("stripe_account_id"),
    stripeChargesEnabled: flag("stripe_charges_enabled").notNull().default(false),
    /** Which Stripe methods the shop offers when it takes cards: card, wechat_pay, alipay. */
    stripePaymentMethods: json<string[]>("stripe_payment_methods").notNull().default(sql`'["card"]'`),
    /** Bumped by every change shoppers can see; the storefront caches by it. */
    version: integer("version").notNull().default(1),
    /** The number the next order of this shop gets. */
    nextOrderNumber: integer("next_order_number").notNull().default(1001),
    storageUsedBytes: integer("storage_used_bytes").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("shops_slug_unique").on(t.slug),
    uniqueIndex("shops_stripe_account_unique").on(t.stripeAccountId),
    index("shops_cohort_idx").on(t.cohortId),
    index("shops_deletion_due_idx").on(t.deletionDueAt),
    check("shops_version_positive", sql`${t.version} >= 1`),
    check("shops_storage_used_non_negative", sql`${t.storageUsedBytes} >= 0`),
  ],
);

export const shopDomains = sqliteTable(
  "shop_domains",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id")
      .notNull()
      .references(() => shops.id, { onDelete: "cascade" }),
    hostname: text("hostname").notNull(),
    verificationToken: text("verification_token").notNull(),
    verifiedAt: timestamp("verified_at"),
    isPrimary: flag("is_primary").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    // Many shops may claim a hostname while unverified (a claim alone must not block the real
    // owner); only one claim can be verified, and a shop claims a hostname once.
    uniqueIndex("shop_domains_verified_hostname_unique").on(t.hostname).where(sql`${t.verifiedAt} IS NOT NULL`),
    uniqueIndex("shop_domains_shop_hostname_unique").on(t.shopId, t.hostname),
    index("shop_domains_shop_idx").on(t.shopId),
  ],
);

/**
 * The last change to what a storefront host resolves to, per shop (its slug, status, publication,
 * deletion, version or plan; its custom domains), numbered in one sequence. Triggers in the migration
 * write it in the same write as the change, from any process or tool, so an API process keeps its
 * in-memory host directory right with one indexed read per interval (`seq` above the last it saw) and
 * drops only the shops that changed: an order in one shop does not empty the directory of ten thousand.
 */
export const shopDirectoryChanges = sqliteTable(
  "shop_directory_changes",
  {
    shopId: text("shop_id").primaryKey(),
    seq: integer("seq").notNull(),
  },
  (t) => [uniqueIndex("shop_directory_changes_seq").on(t.seq)],
);

export const memberships = sqliteTable(
  "memberships",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id")
      .notNull()
      .references(() => shops.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: MEMBERSHIP_ROLES }).notNull(),
    permissions: json<HelperPermission[]>("permissions").notNull().default(sql`'[]'`),
    invitedBy: text("invited_by").references(() => users.id),
    createdAt: createdAt(),
    revokedAt: timestamp("revoked_at"),
  },
  (t) => [
    uniqueIndex("memberships_shop_user_unique").on(t.shopId, t.userId),
    index("memberships_user_idx").on(t.userId),
  ],
);

export const invites = sqliteTable(
  "invites",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id")
      .notNull()
      .references(() => shops.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["staff", "helper"] }).notNull(),
    permissions: json<HelperPermission[]>("permissions").notNull().default(sql`'[]'`),
    email: text("email"),
    tokenHash: text("token_hash").notNull(),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at").notNull(),
    acceptedAt: timestamp("accepted_at"),
    acceptedBy: text("accepted_by").references(() => users.id),
    revokedAt: timestamp("revoked_at"),
  },
  (t) => [uniqueIndex("invites_token_hash_unique").on(t.tokenHash), index("invites_shop_idx").on(t.shopId)],
);

/** Who did what: every operator action, every helper action, every sensitive owner action. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id").references(() => shops.id, { onDelete: "cascade" }),
    actorUserId: text("actor_user_id").references(() => users.id),
    actorRole: text("actor_role").notNull(),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    data: json<Record<string, unknown>>("data").notNull().default(sql`'{}'`),
    ip: text("ip"),
    createdAt: createdAt(),
  },
  (t) => [index("audit_log_shop_idx").on(t.shopId, t.createdAt), index("audit_log_actor_idx").on(t.actorUserId)],
);

/**
 * The notifications outbox. Rows are written in the same transaction as the change they announce;
 * a worker delivers them with retries. `shop_id` is empty for account mail (password resets).
 */
/** Why a notification failed for good (see `notifications.failure`). */
export const NOTIFICATION_FAILURES = ["unrenderable", "recipient_invalid", "recipient_refused", "gave_up"] as const;
export type NotificationFailure = (typeof NOTIFICATION_FAILURES)[number];

export const notifications = sqliteTable(
  "notifications",
  {
    id: text("id").primaryKey(),
    shopId: text("shop_id").references(() => shops.id, { onDelete: "cascade" }),
    channel: text("channel", { enum: ["email"] })
      .notNull()
      .default("email"),
    template: text("template").notNull(),
    recipient: text("recipient").notNull(),
    locale: text("locale").notNull(),
    payload: json<Record<string, unknown>>("payload").notNull(),
    /** One notification per event: a replayed webhook cannot send the same email twice. */
    dedupeKey: text("dedupe_key").notNull(),
    status: text("status", { enum: ["pending", "sending", "sent", "failed"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at").notNull(),
    lockedUntil: timestamp("locked_until"),
    lastError: text("last_error"),
    /**
     * Why a `failed` row stopped: `unrenderable` (the template refused the payload; re-queued when a
     * worker starts, decision 010), `recipient_invalid`, `recipient_refused` (a hard bounce) or `gave_up`
     * (out of attempts).
     */
    failure: text("failure", { enum: NOTIFICATION_FAILURES }),
    sentAt: timestamp("sent_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("notifications_dedupe_unique").on(t.dedupeKey),
    // The outbox claims the oldest due rows in this order, read straight off the index (no sort).
    index("notifications_due_idx").on(t.status, t.nextAttemptAt, t.id),
    // A shop's undelivered emails, for the owner.
    index("notifications_shop_status_idx").on(t.shopId, t.status),
  ],
);

/**
 * Named singleton jobs (decision 039): one row per job (`reconcile_payments`), held by at most one
 * process at a time. `token` grows on every new holder, so a holder that lost its lease (it stalled
 * past `expires_at` and another took over) can no longer write with its old token: fencing.
 * `next_run_at` makes a periodic job run once per period across every process.
 */
export const jobLeases = sqliteTable("job_leases", {
  name: text("name").primaryKey(),
  /** Who holds or last held it: a process (host, pid and a random part). */
  holder: text("holder").notNull(),
  /** The fencing token: 1 for the first holder, one more for every holder after. */
  token: integer("token").notNull(),
  /** The lease holds until then; 0 once released. */
  expiresAt: timestamp("expires_at").notNull(),
  /** A periodic job is not taken again before this time; 0 for a job with no period. */
  nextRunAt: timestamp("next_run_at").notNull().default(0),
  /** The last run that finished and was recorded by the holder of the lease it ran under. */
  lastFinishedAt: timestamp("last_finished_at"),
  /** What that run reported (a short JSON summary, or the error it ended with). */
  lastOutcome: text("last_outcome"),
  updatedAt: updatedAt(),
});

/** Where a shop's rows are: `placed` on `pod`, or `moving` from `pod` to `moving_to` (read-only meanwhile). */
export const SHOP_POD_STATES = ["placed", "moving"] as const;

/**
 * The pod directory (decision 040): which database holds each shop's rows. A shop with no row here lives
 * on `home`, the database of DATABASE_URL, so the single-database default never writes or reads a row.
 * `seq` numbers every change (one sequence over the table), so each API process keeps the whole directory
 * in memory and asks only for rows above the last number it saw.
 */
export const shopPods = sqliteTable(
  "shop_pods",
  {
    shopId: text("shop_id")
      .primaryKey()
      .references(() => shops.id, { onDelete: "cascade" }),
    pod: text("pod").notNull(),
    state: text("state", { enum: SHOP_POD_STATES }).notNull().default("placed"),
    /** Where the move in progress goes; null when placed. */
    movingTo: text("moving_to"),
    changedAt: timestamp("changed_at").notNull(),
    seq: integer("seq").notNull(),
  },
  (t) => [uniqueIndex("shop_pods_seq").on(t.seq)],
);

/** `moving`: every write to the shop's rows here is refused; `gone`: the shop left, deletes only. */
export const POD_FENCE_STATES = ["moving", "gone"] as const;

/**
 * Kept in every pod: shops whose rows here must not be written, checked by a trigger on every shop table
 * (migration 0016). No foreign key: a pod keeps the fence after the shop's own row has left it.
 */
export const podFences = sqliteTable("pod_fences", {
  shopId: text("shop_id").primaryKey(),
  state: text("state", { enum: POD_FENCE_STATES }).notNull(),
  createdAt: createdAt(),
});
