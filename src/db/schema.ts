// The database schema: better-auth's tables, the rate-limit counters, and the user-owned `pets`
// table guarded by row-level security (policies here; FORCE and grants in custom migrations).
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  pgPolicy,
  pgRole,
  pgTable,
  primaryKey,
  smallint,
  type AnyPgColumn,
  uniqueIndex,
  text,
  time,
  timestamp,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
// Relative: drizzle-kit loads this file without the @/ alias.
import { PET_GENDERS } from '../lib/pet-genders';
import { DOSE_STATUSES, MEDICATION_KINDS, SCHEDULE_KINDS } from '../lib/medication-kinds';
import { PHOTO_STATUSES } from '../lib/photo-status';
import { WEIGHT_UNITS } from '../lib/weight-units';

/** The role every user request runs as (created by migration 0000; see ADR 0003). */
export const appUser = pgRole('app_user').existing();

/** The role the resume-stalled-work job reads as (created by migration 0010; ADR 0020): it sees only
 * unfinished work (pets whose photo is processing, exports queued or running), and only the columns
 * that find it; whatever it then does, it does as the row's user. */
export const appMaintenance = pgRole('app_maintenance').existing();

/** The user whose request is running, as `withUser` set it; NULL when none is set. */
export const currentUserId = sql`nullif(current_setting('app.user_id', true), '')::uuid`;

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
};

// ── better-auth (the role of Supabase Auth; ADR 0002). Only the auth library touches these. ──

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().default(''),
  email: text('email').notNull().unique(),
  emailVerified: boolean('email_verified').notNull().default(false),
  image: text('image'),
  ...timestamps,
});

export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    token: text('token').notNull().unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    ...timestamps,
  },
  (table) => [index('sessions_user_id_idx').on(table.userId)],
);

export const accounts = pgTable(
  'accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: timestamp('access_token_expires_at', { withTimezone: true }),
    refreshTokenExpiresAt: timestamp('refresh_token_expires_at', { withTimezone: true }),
    scope: text('scope'),
    password: text('password'),
    ...timestamps,
  },
  (table) => [index('accounts_user_id_idx').on(table.userId)],
);

export const verifications = pgTable('verifications', {
  id: uuid('id').primaryKey().defaultRandom(),
  identifier: text('identifier').notNull(),
  value: text('value').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  ...timestamps,
});

// ── Rate limiting: shared by every instance, so buckets live here, not in memory (ADR 0004). ──

/** Token buckets: `tokens` as of `updated_at`; the bucket is full again (and prunable) at `full_at`. */
export const rateLimits = pgTable(
  'rate_limits',
  {
    key: text('key').primaryKey(),
    tokens: doublePrecision('tokens').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    fullAt: timestamp('full_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('rate_limits_full_at_idx').on(table.fullAt)],
);

// ── Audit log of security events: who, what, when, from where (never a password or token). ──

export const auditEvents = pgTable(
  'audit_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // NULL when the event names no known account (e.g. a sign-in attempt for an unknown email).
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    event: text('event').notNull(),
    ipAddress: text('ip_address'),
    detail: text('detail'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    // Refusals are folded into one row per counter per window (ADR 0013): how many, and the latest.
    aggregateKey: text('aggregate_key').unique(),
    count: integer('count').notNull().default(1),
    lastAt: timestamp('last_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('audit_events_user_created_idx').on(table.userId, table.createdAt),
    index('audit_events_user_last_idx').on(table.userId, table.lastAt),
    // A user reads their own events; only the app's owner role writes them (app_user has no INSERT).
    pgPolicy('audit_events_select_own', { for: 'select', to: appUser, using: sql`user_id = ${currentUserId}` }),
    pgPolicy('audit_events_insert', { for: 'insert', to: 'public', withCheck: sql`true` }),
  ],
);

// ── Pets: user-owned, isolated by row-level security. ──

const ownRows = sql`user_id = ${currentUserId}`;

export const pets = pgTable(
  'pets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: varchar('name', { length: 50 }).notNull(),
    category: varchar('category', { length: 50 }).notNull(),
    birthday: date('birthday', { mode: 'string' }).notNull(),
    gender: text('gender', { enum: PET_GENDERS }).notNull(),
    imagePath: text('image_path'),
    // Optimistic concurrency: an edit names the version it started from (ADR 0006).
    version: integer('version').notNull().default(1),
    // The create form's one-time key: the same submission twice (double click, retry) is one pet.
    submissionId: uuid('submission_id'),
    // Bytes of the stored photo (display image + thumbnail): the account's storage quota sums them.
    photoBytes: bigint('photo_bytes', { mode: 'number' }).notNull().default(0),
    // The photo's state (ADR 0016): NULL without one; 'processing' while the process-photo job
    // derives the display image and thumbnail from the upload in `photo_original_key`; 'ready' once
    // `image_path` points at them; 'failed' when the upload could not be decoded (nothing is shown).
    photoStatus: text('photo_status', { enum: PHOTO_STATUSES }),
    // The uploaded original a pending job still needs: never served, deleted once processed or replaced.
    photoOriginalKey: text('photo_original_key'),
    ...timestamps,
  },
  (table) => [
    // "Newest first" and "by name" lists of one user; the id makes each order total (stable pages).
    // Plain ascending keys: a forward scan serves `asc`, a backward scan `desc` (default NULLS order).
    index('pets_user_created_idx').on(table.userId, table.createdAt, table.id),
    index('pets_user_name_idx').on(table.userId, sql`lower(${table.name})`, table.id),
    uniqueIndex('pets_user_submission_idx').on(table.userId, table.submissionId),
    // Photos still processing, oldest first: what resume-stalled-work scans every few minutes.
    index('pets_processing_idx')
      .on(table.updatedAt)
      .where(sql`${table.photoStatus} = 'processing'`),
    check('pets_gender_check', sql`${table.gender} in ('male', 'female', 'other', 'prefer-not-to-say')`),
    check('pets_photo_status_check', sql`${table.photoStatus} in ('processing', 'ready', 'failed')`),
    // A pending original exactly while processing.
    check(
      'pets_photo_original_check',
      sql`(${table.photoStatus} is not distinct from 'processing') = (${table.photoOriginalKey} is not null)`,
    ),
    pgPolicy('pets_select_own', { for: 'select', to: appUser, using: ownRows }),
    pgPolicy('pets_insert_own', { for: 'insert', to: appUser, withCheck: ownRows }),
    // WITH CHECK as well as USING: an update can never hand a row to another owner.
    pgPolicy('pets_update_own', { for: 'update', to: appUser, using: ownRows, withCheck: ownRows }),
    pgPolicy('pets_delete_own', { for: 'delete', to: appUser, using: ownRows }),
    pgPolicy('pets_select_stalled', { for: 'select', to: appMaintenance, using: sql`photo_status = 'processing'` }),
  ],
);

export type PetRow = typeof pets.$inferSelect;

// ── Uploads handed out but not yet made into a pet's photo: they count against the storage quota. ──

export const uploadReservations = pgTable(
  'upload_reservations',
  {
    storagePath: text('storage_path').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The size the upload URL was signed for (the most the object can be). */
    bytes: bigint('bytes', { mode: 'number' }).notNull(),
    /** When the object, if never used, is surely gone (the sweep's grace and interval passed). */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('upload_reservations_user_idx').on(table.userId, table.expiresAt),
    pgPolicy('upload_reservations_select_own', { for: 'select', to: appUser, using: ownRows }),
    pgPolicy('upload_reservations_insert_own', { for: 'insert', to: appUser, withCheck: ownRows }),
    pgPolicy('upload_reservations_delete_own', { for: 'delete', to: appUser, using: ownRows }),
  ],
);

// ── Data exports: a ZIP of the user's pets and photos, built by a job, kept 7 days (ADR 0015). ──

/** queued → running → ready (or failed); ready → expired once the clean-up job removed the object. */
export const DATA_EXPORT_STATUSES = ['queued', 'running', 'ready', 'failed', 'expired'] as const;

export const dataExports = pgTable(
  'data_exports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status', { enum: DATA_EXPORT_STATUSES }).notNull().default('queued'),
    /** The ZIP's key, always `{user_id}/exports/{id}.zip`: a retried job rewrites the same object. */
    storageKey: text('storage_key').notNull(),
    byteSize: bigint('byte_size', { mode: 'number' }),
    petCount: integer('pet_count'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** When the download stops being offered and the clean-up job removes the object. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** Why a failed export failed, in words for the user (never a stack trace). */
    error: text('error'),
  },
  (table) => [
    index('data_exports_user_created_idx').on(table.userId, table.createdAt),
    check('data_exports_status_check', sql`${table.status} in ('queued', 'running', 'ready', 'failed', 'expired')`),
    pgPolicy('data_exports_select_own', { for: 'select', to: appUser, using: ownRows }),
    pgPolicy('data_exports_insert_own', { for: 'insert', to: appUser, withCheck: ownRows }),
    pgPolicy('data_exports_update_own', { for: 'update', to: appUser, using: ownRows, withCheck: ownRows }),
    pgPolicy('data_exports_delete_own', { for: 'delete', to: appUser, using: ownRows }),
    pgPolicy('data_exports_select_stalled', {
      for: 'select',
      to: appMaintenance,
      using: sql`status in ('queued', 'running')`,
    }),
  ],
);

// ── Preferences: how a person wants dates, times and weights shown; one row per account. ──

export const userPreferences = pgTable(
  'user_preferences',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The IANA zone the person's "today", schedules and reminders are computed in (ADR 0033). */
    timeZone: text('time_zone').notNull().default('UTC'),
    /** The unit weights are shown and typed in; they are stored in grams whatever it says. */
    weightUnit: text('weight_unit', { enum: WEIGHT_UNITS }).notNull().default('kg'),
    ...reminderSettingColumns(),
    ...timestamps,
  },
  (table) => [
    check('user_preferences_weight_unit_check', sql`weight_unit in ('kg', 'lb')`),
    ...reminderSettingRules(table),
    pgPolicy('user_preferences_select_own', { for: 'select', to: appUser, using: ownRows }),
    pgPolicy('user_preferences_insert_own', { for: 'insert', to: appUser, withCheck: ownRows }),
    pgPolicy('user_preferences_update_own', { for: 'update', to: appUser, using: ownRows, withCheck: ownRows }),
  ],
);

// ── Calendar feeds: one secret iCalendar URL per account (ADR 0034). Only the token's hash is kept. ──

export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** SHA-256 of the token in the URL (hex); a new link replaces it, so the old URL stops at once. */
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  () => [
    pgPolicy('calendar_feeds_select_own', { for: 'select', to: appUser, using: ownRows }),
    pgPolicy('calendar_feeds_insert_own', { for: 'insert', to: appUser, withCheck: ownRows }),
    pgPolicy('calendar_feeds_update_own', { for: 'update', to: appUser, using: ownRows, withCheck: ownRows }),
    pgPolicy('calendar_feeds_delete_own', { for: 'delete', to: appUser, using: ownRows }),
    // A feed request has no session: it may read the one row whose hash it presents (ADR 0034).
    pgPolicy('calendar_feeds_select_by_token', {
      for: 'select',
      to: appUser,
      using: sql`token_hash = nullif(current_setting('app.calendar_token_hash', true), '')`,
    }),
  ],
);

// ── Care records: vaccinations and vet visits (issue 22). A record belongs to a pet, and access to
// it follows access to the pet: every policy joins through `pets`, whose own policies decide (so
// sharing a pet later changes the pets policies only). `created_by` says who entered it. ──

/** A row's pet is one the caller may see (the pets policies decide). */
const throughPet = sql`pet_id in (select id from pets)`;

function carePolicies(table: string) {
  return [
    pgPolicy(`${table}_select_through_pet`, { for: 'select', to: appUser, using: throughPet }),
    pgPolicy(`${table}_insert_through_pet`, { for: 'insert', to: appUser, withCheck: throughPet }),
    // WITH CHECK as well: an update can never move a record to a pet the caller may not see.
    pgPolicy(`${table}_update_through_pet`, { for: 'update', to: appUser, using: throughPet, withCheck: throughPet }),
    pgPolicy(`${table}_delete_through_pet`, { for: 'delete', to: appUser, using: throughPet }),
  ];
}

// The columns every care record table starts with (vaccinations, vet visits, medications, weights):
// what the shared care DAL (src/data/care/records.ts) works with.
const careRecordColumns = () => ({
  id: uuid('id').primaryKey().defaultRandom(),
  petId: uuid('pet_id')
    .notNull()
    .references(() => pets.id, { onDelete: 'cascade' }),
  // Who entered it (care is shared work); the record stays when that account goes.
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  // The add form's one-time key: the same submission twice (double click, retry) is one record.
  submissionId: uuid('submission_id'),
});

export const vaccinations = pgTable(
  'vaccinations',
  {
    ...careRecordColumns(),
    vaccine: varchar('vaccine', { length: 100 }).notNull(),
    givenOn: date('given_on', { mode: 'string' }).notNull(),
    // Indexed for the reminders and the "Upcoming" view to come: what falls due in a window.
    nextDueOn: date('next_due_on', { mode: 'string' }),
    clinic: varchar('clinic', { length: 200 }),
    batchNumber: varchar('batch_number', { length: 100 }),
    notes: varchar('notes', { length: 2000 }),
    ...remindDaysBeforeColumn(),
    ...timestamps,
  },
  (table) => [
    index('vaccinations_pet_given_idx').on(table.petId, table.givenOn),
    index('vaccinations_next_due_idx')
      .on(table.nextDueOn)
      .where(sql`${table.nextDueOn} is not null`),
    uniqueIndex('vaccinations_pet_submission_idx').on(table.petId, table.submissionId),
    check('vaccinations_next_due_check', sql`${table.nextDueOn} is null or ${table.nextDueOn} >= ${table.givenOn}`),
    check('vaccinations_remind_days_before_check', remindDaysBeforeRule()),
    ...carePolicies('vaccinations'),
  ],
);

export const vetVisits = pgTable(
  'vet_visits',
  {
    ...careRecordColumns(),
    visitedOn: date('visited_on', { mode: 'string' }).notNull(),
    clinic: varchar('clinic', { length: 200 }),
    reason: varchar('reason', { length: 200 }).notNull(),
    notes: varchar('notes', { length: 4000 }),
    // In cents (no currency is modelled): at most 1,000,000.00.
    costCents: integer('cost_cents'),
    ...remindDaysBeforeColumn(),
    ...timestamps,
  },
  (table) => [
    index('vet_visits_pet_visited_idx').on(table.petId, table.visitedOn),
    uniqueIndex('vet_visits_pet_submission_idx').on(table.petId, table.submissionId),
    check('vet_visits_cost_check', sql`${table.costCents} is null or ${table.costCents} between 0 and 100000000`),
    check('vet_visits_remind_days_before_check', remindDaysBeforeRule()),
    ...carePolicies('vet_visits'),
  ],
);

// ── Medications and treatments with schedules (issue 22; ADR 0030, ADR 0031). Access to a record
// follows access to its pet: every policy joins through `pets`, whose own policy decides. ──

export const medications = pgTable(
  'medications',
  {
    ...careRecordColumns(),
    kind: text('kind', { enum: MEDICATION_KINDS }).notNull(),
    name: varchar('name', { length: 100 }).notNull(),
    dose: varchar('dose', { length: 100 }),
    // The schedule, in local terms of the account's time zone (never an instant): the recurrence is
    // RFC 5545's, so these columns map one to one onto DTSTART;TZID + RRULE (medication-schedule.ts).
    schedule: text('schedule', { enum: SCHEDULE_KINDS }).notNull(),
    intervalDays: integer('interval_days'),
    /** RFC 5545 BYDAY names, comma-separated in week order (MO,TH); '' unless weekly. */
    weekdays: varchar('weekdays', { length: 20 }).notNull().default(''),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }),
    timeOfDay: time('time_of_day').notNull(),
    notes: text('notes'),
    /** The dose to give next as of the last write (UTC), null when the schedule has none left: what a
     * reminder scan can index; pages compute it afresh (time passes, zones change). */
    nextDoseAt: timestamp('next_dose_at', { withTimezone: true }),
    ...remindDaysBeforeColumn(),
    ...timestamps,
  },
  (table) => [
    index('medications_pet_start_idx').on(table.petId, table.startDate),
    // The pet page's soonest doses and the due items of a person's pets (a range per pet).
    index('medications_pet_next_dose_idx').on(table.petId, table.nextDoseAt),
    uniqueIndex('medications_pet_submission_idx').on(table.petId, table.submissionId),
    check('medications_kind_check', sql`${table.kind} in ('medication', 'flea-tick', 'worming', 'other')`),
    check('medications_schedule_check', sql`${table.schedule} in ('once', 'every-n-days', 'weekly', 'monthly')`),
    check(
      'medications_interval_check',
      sql`(${table.schedule} = 'every-n-days') = (${table.intervalDays} is not null)
        and (${table.intervalDays} is null or ${table.intervalDays} between 1 and 365)`,
    ),
    check(
      'medications_weekdays_check',
      sql`(${table.schedule} = 'weekly') = (${table.weekdays} <> '')
        and ${table.weekdays} ~ '^((MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU))*)?$'`,
    ),
    check('medications_end_check', sql`${table.endDate} is null or ${table.endDate} >= ${table.startDate}`),
    check('medications_remind_days_before_check', remindDaysBeforeRule()),
    ...carePolicies('medications'),
  ],
);

const medicationIsVisible = sql`medication_id in (select id from medications)`;

/** One recorded dose of a medication: given or skipped, by whom, when. One row per scheduled dose. */
export const medicationDoses = pgTable(
  'medication_doses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    medicationId: uuid('medication_id')
      .notNull()
      .references(() => medications.id, { onDelete: 'cascade' }),
    /** The occurrence this records (UTC): unique per medication, so two people marking it record it once. */
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: DOSE_STATUSES }).notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('medication_doses_occurrence_idx').on(table.medicationId, table.scheduledAt),
    check('medication_doses_status_check', sql`${table.status} in ('given', 'skipped')`),
    // Through the medication, and so through its pet: the medication's policy decides.
    pgPolicy('medication_doses_select', { for: 'select', to: appUser, using: medicationIsVisible }),
    pgPolicy('medication_doses_insert', { for: 'insert', to: appUser, withCheck: medicationIsVisible }),
    pgPolicy('medication_doses_delete', { for: 'delete', to: appUser, using: medicationIsVisible }),
  ],
);

// ── Care records: weight (issue 22). A weighing of a pet, stored in whole grams (ADR 0032) and shown
// in the account's unit; access follows access to the pet, in the policies themselves. ──

export const weightRecords = pgTable(
  'weight_records',
  {
    ...careRecordColumns(),
    weighedOn: date('weighed_on', { mode: 'string' }).notNull(),
    grams: integer('grams').notNull(),
    note: text('note'),
    ...timestamps,
  },
  (table) => [
    // A pet's weighings by date (its chart and table, newest first by a backward scan).
    index('weight_records_pet_weighed_idx').on(table.petId, table.weighedOn),
    uniqueIndex('weight_records_pet_submission_idx').on(table.petId, table.submissionId),
    check('weight_records_grams_check', sql`${table.grams} > 0 and ${table.grams} <= 200000`),
    check('weight_records_note_check', sql`char_length(${table.note}) <= 500`),
    ...carePolicies('weight_records'),
  ],
);

// ── Vet visit documents (issue 22; ADR 0036): PDF, JPEG or PNG files attached to a visit, stored in the
// visit's pet owner's folder and counted in the account's storage quota. Access follows the visit (and
// so the pet): the policies join through `vet_visits`, whose own policies decide, as for doses. ──

export const VISIT_DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;

const visitIsVisible = sql`visit_id in (select id from vet_visits)`;

export const visitDocuments = pgTable(
  'visit_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    visitId: uuid('visit_id')
      .notNull()
      .references(() => vetVisits.id, { onDelete: 'cascade' }),
    /** The object's key, always under the pet owner's folder; never leaves the server. */
    storageKey: varchar('storage_key', { length: 512 }).notNull().unique(),
    /** The name the file was given, cleaned of paths and control characters: shown, never a key. */
    filename: varchar('filename', { length: 200 }).notNull(),
    /** From the sniffed bytes, never the client's claim. */
    contentType: text('content_type', { enum: VISIT_DOCUMENT_TYPES }).notNull(),
    byteSize: integer('byte_size').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('visit_documents_visit_idx').on(table.visitId, table.createdAt),
    check(
      'visit_documents_content_type_check',
      sql`${table.contentType} in ('application/pdf', 'image/jpeg', 'image/png')`,
    ),
    check('visit_documents_byte_size_check', sql`${table.byteSize} > 0 and ${table.byteSize} <= 10485760`),
    pgPolicy('visit_documents_select', { for: 'select', to: appUser, using: visitIsVisible }),
    pgPolicy('visit_documents_insert', { for: 'insert', to: appUser, withCheck: visitIsVisible }),
    pgPolicy('visit_documents_delete', { for: 'delete', to: appUser, using: visitIsVisible }),
  ],
);

// ── Email reminders (issue 22; ADR 0037). The settings live on user_preferences, the lead time on each
// care record; the daily scan reads (and advances) due schedules as app_maintenance, and the digest
// records what it sent under the account's own row-level security. Kept in one block: the columns of
// the tables above are these hoisted functions' (so the tables name them in one line each). ──

/** The lead times a record can ask for, in days before it is due (null: no reminder for it). */
function remindDaysBeforeRule() {
  return sql`remind_days_before is null or remind_days_before in (0, 1, 3, 7, 14)`;
}

function remindDaysBeforeColumn() {
  return { remindDaysBefore: smallint('remind_days_before') };
}

/** The person's reminder settings: on/off, the local time of the day's digest, and that time's next
 * instant (UTC) in their zone, which the scan finds through `user_preferences_next_digest_idx`. */
function reminderSettingColumns() {
  return {
    remindersEnabled: boolean('reminders_enabled').notNull().default(false),
    reminderTime: time('reminder_time').notNull().default('08:00'),
    nextDigestAt: timestamp('next_digest_at', { withTimezone: true }),
  };
}

/** Only accounts with reminders on are the scan's: it sees them and may move their next time, nothing
 * else (column grants in the migration). Hoisted like the columns: the table above calls it. */
function reminderSettingRules(table: { nextDigestAt: AnyPgColumn; remindersEnabled: AnyPgColumn }) {
  const remindersOn = sql`reminders_enabled`;
  return [
    index('user_preferences_next_digest_idx')
      .on(table.nextDigestAt)
      .where(sql`${table.remindersEnabled} and ${table.nextDigestAt} is not null`),
    pgPolicy('user_preferences_select_due_digests', { for: 'select', to: appMaintenance, using: remindersOn }),
    pgPolicy('user_preferences_advance_digests', {
      for: 'update',
      to: appMaintenance,
      using: remindersOn,
      withCheck: remindersOn,
    }),
  ];
}

/** One row per account and local day a digest was claimed for: the exactly-once record. `sealed` holds the
 * composed message until it is handed to the send-mail job (a retry hands over the same one). */
export const digestSends = pgTable(
  'digest_sends',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    localDate: date('local_date', { mode: 'string' }).notNull(),
    sealed: text('sealed'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.userId, table.localDate] }),
    pgPolicy('digest_sends_select_own', { for: 'select', to: appUser, using: ownRows }),
    pgPolicy('digest_sends_insert_own', { for: 'insert', to: appUser, withCheck: ownRows }),
    pgPolicy('digest_sends_update_own', { for: 'update', to: appUser, using: ownRows, withCheck: ownRows }),
    pgPolicy('digest_sends_delete_own', { for: 'delete', to: appUser, using: ownRows }),
  ],
);

/** An overdue item a digest mentioned: `item_key` names the record, `due_key` the due date it was
 * overdue for, so a changed date (a new shot, a dose marked) is a new key and is mentioned again. */
export const reminderMentions = pgTable(
  'reminder_mentions',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    itemKey: text('item_key').notNull(),
    dueKey: text('due_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.userId, table.itemKey, table.dueKey] }),
    pgPolicy('reminder_mentions_select_own', { for: 'select', to: appUser, using: ownRows }),
    pgPolicy('reminder_mentions_insert_own', { for: 'insert', to: appUser, withCheck: ownRows }),
    pgPolicy('reminder_mentions_delete_own', { for: 'delete', to: appUser, using: ownRows }),
  ],
);
