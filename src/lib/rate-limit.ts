// The rate-limit policies (ADR 0004, ADR 0013): one named token bucket per thing an attempt
// spends, and how a refusal reads. The buckets themselves live in Postgres (data/rate-limits.ts).
import { createHash } from 'node:crypto';
import { addressBucketKey } from './address-key';
import { env, type Env } from './env';

/** A token bucket: `capacity` attempts at once, refilled continuously at capacity/periodSeconds. */
export type RateLimitRule = { key: string; capacity: number; periodSeconds: number };

/** Emails are hashed so the bucket table holds no address book. */
function hashed(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

function emailKey(email: string): string {
  return hashed(email.trim().toLowerCase());
}

function rule(key: string, capacity: (config: Env) => number, periodSeconds: (config: Env) => number): RateLimitRule {
  const config = env();
  return { key, capacity: capacity(config), periodSeconds: periodSeconds(config) };
}

const emailWindow = (config: Env) => config.RATE_LIMIT_WINDOW_SECONDS;
const addressWindow = (config: Env) => config.RATE_LIMIT_ADDRESS_WINDOW_SECONDS;
const MINUTE = () => 60;
const HOUR = () => 60 * 60;
const DAY = () => 24 * 60 * 60;

export const RATE_LIMIT_RULES = {
  /** Failed sign-ins from one address, whatever the account (password spraying); successes are refunded. */
  loginFromAddress: (address: string) =>
    rule(`login:address:${addressBucketKey(address)}`, (config) => config.RATE_LIMIT_LOGIN_PER_ADDRESS, addressWindow),
  /** Failed sign-ins at one account from one address: stops a guesser there, never the owner elsewhere. */
  loginForEmailFromAddress: (email: string, address: string) =>
    rule(
      `login:email-address:${emailKey(email)}:${addressBucketKey(address)}`,
      (config) => config.RATE_LIMIT_LOGIN_PER_EMAIL,
      emailWindow,
    ),
  /** Failed sign-ins at one account from everywhere: the most a distributed guesser gets per hour. */
  loginForEmail: (email: string) =>
    rule(`login:email:${emailKey(email)}`, (config) => config.RATE_LIMIT_LOGIN_PER_EMAIL_TOTAL, HOUR),
  /** Accounts created from one address. */
  registerFromAddress: (address: string) =>
    rule(
      `register:address:${addressBucketKey(address)}`,
      (config) => config.RATE_LIMIT_REGISTER_PER_ADDRESS,
      addressWindow,
    ),
  /** Reset links asked for one email, from everywhere: the owner's inbox is not flooded (ADR 0014). */
  passwordResetForEmail: (email: string) =>
    rule(`reset-request:email:${emailKey(email)}`, (config) => config.RATE_LIMIT_PASSWORD_RESET_PER_EMAIL, HOUR),
  /** Reset links asked for from one address, whatever the email. */
  passwordResetFromAddress: (address: string) =>
    rule(
      `reset-request:address:${addressBucketKey(address)}`,
      (config) => config.RATE_LIMIT_PASSWORD_RESET_PER_ADDRESS,
      addressWindow,
    ),
  /** New passwords submitted with a reset token from one address: token guessing stays hopeless. */
  passwordResetAttemptsFromAddress: (address: string) =>
    rule(
      `reset-attempt:address:${addressBucketKey(address)}`,
      (config) => config.RATE_LIMIT_PASSWORD_RESET_PER_ADDRESS,
      addressWindow,
    ),
  /** Verification links sent to one signed-in account ("Resend"). */
  verificationEmailsForUser: (userId: string) =>
    rule(`verify-email:user:${userId}`, (config) => config.RATE_LIMIT_VERIFICATION_EMAILS_PER_HOUR, HOUR),
  /** Password checks of one signed-in account (change password, delete account): guessing oracles too. */
  passwordCheckForUser: (userId: string) =>
    rule(`password:user:${userId}`, (config) => config.RATE_LIMIT_LOGIN_PER_EMAIL, emailWindow),
  /** Signed upload URLs handed to one account. */
  uploadUrlsForUser: (userId: string) =>
    rule(`upload-url:user:${userId}`, (config) => config.RATE_LIMIT_UPLOAD_URLS_PER_MINUTE, MINUTE),
  /** Photos one account sends through the server's pipeline (decode, re-encode). */
  photoSavesForUser: (userId: string) =>
    rule(`photo-save:user:${userId}`, (config) => config.RATE_LIMIT_PHOTO_SAVES_PER_MINUTE, MINUTE),
  /** Messages to one recipient address in an hour / a day, whoever caused them (ADR 0022). One bucket
   * per address whatever its state: while unverified, its capacity (and refill) is the smaller one. */
  mailToRecipientPerHour: (email: string, verified: boolean) =>
    rule(
      `mail:hour:${emailKey(email)}`,
      (config) => (verified ? config.MAIL_BUDGET_PER_HOUR : config.MAIL_BUDGET_UNVERIFIED_PER_HOUR),
      HOUR,
    ),
  mailToRecipientPerDay: (email: string, verified: boolean) =>
    rule(
      `mail:day:${emailKey(email)}`,
      (config) => (verified ? config.MAIL_BUDGET_PER_DAY : config.MAIL_BUDGET_UNVERIFIED_PER_DAY),
      DAY,
    ),
  /** Calendar feed requests from one address, whatever the token (ADR 0034). */
  calendarFeedReadsFromAddress: (address: string) =>
    rule(`calendar-feed:address:${addressBucketKey(address)}`, () => 240, HOUR),
  /** Requests of one account's feed: calendar apps poll every few hours, from a few devices. */
  calendarFeedReadsForAccount: (userId: string) => rule(`calendar-feed:user:${userId}`, () => 60, HOUR),
  /** New calendar links one account asks for (each replaces the last). */
  calendarLinksForUser: (userId: string) => rule(`calendar-link:user:${userId}`, () => 10, HOUR),
  /** Pets one account creates. */
  petsCreatedForUser: (userId: string) =>
    rule(`pet-create:user:${userId}`, (config) => config.RATE_LIMIT_PETS_PER_HOUR, HOUR),
} as const;

function secondsText(retryAfterSeconds: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}

export function tooManyAttemptsMessage(retryAfterSeconds: number): string {
  return `Too many attempts. Try again in ${secondsText(retryAfterSeconds)}.`;
}

/** A per-account limit on heavy work, e.g. "You've reached the limit of 30 photo uploads per minute — …". */
export function limitReachedMessage(what: string, retryAfterSeconds: number): string {
  return `You've reached the limit of ${what} — try again in ${secondsText(retryAfterSeconds)}.`;
}

/** The data export's own limit (counted in its table, ADR 0015): "… — try again in 12 minutes." */
export function dataExportLimitMessage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `You've reached the limit of 1 data export per hour — try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}

export const USAGE_LIMIT_TEXT = {
  uploadUrls: (config: Env) => `${config.RATE_LIMIT_UPLOAD_URLS_PER_MINUTE} photo uploads per minute`,
  photoSaves: (config: Env) => `${config.RATE_LIMIT_PHOTO_SAVES_PER_MINUTE} photo saves per minute`,
  petsCreated: (config: Env) => `${config.RATE_LIMIT_PETS_PER_HOUR} new pets per hour`,
} as const;

/** "1 GB", "100 MB", "512 KB": binary units, as a quota is set. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}

export function storageFullMessage(quotaBytes: number): string {
  return `Your photo storage is full (${formatBytes(quotaBytes)}). Delete some photos to make room.`;
}

/** An export holds the account's photos again: refused when that copy would not fit in the quota. */
export function exportDoesNotFitMessage(quotaBytes: number, exportBytes: number): string {
  return `Your photo storage is full (${formatBytes(quotaBytes)}): an export of your data needs about ${formatBytes(exportBytes)}. Delete some photos to make room.`;
}

/** The export was built but its archive no longer fit in the quota (photos were added meanwhile). */
export function exportTooLargeMessage(quotaBytes: number): string {
  return `The export did not fit in your photo storage (${formatBytes(quotaBytes)}). Delete some photos, then try again.`;
}

export function petCountLimitMessage(maxPets: number): string {
  return `You've reached the limit of ${maxPets.toLocaleString('en-US')} pets per account — delete some to add more.`;
}
