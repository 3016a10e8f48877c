// Reset links end together (ADR 0024): once the password is new — by a reset link or on /account —
// every reset link still out for the account stops working. better-auth has no API for this: its
// reset tokens are rows of `verifications` whose identifier is a hash of `reset-password:<token>`
// and whose value is the user id (better-auth 1.7, `verification.storeIdentifier: 'hashed'`); the
// app asks the library for no other verification row (email verification links are signed tokens,
// not rows), so every row valued with the user's id is one of their reset links.
// tests/integration/recovery.test.ts fails when a new version stores them otherwise.
import 'server-only';
import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { verifications } from '@/db/schema';

export async function endOutstandingResetLinks(userId: string): Promise<void> {
  await db().delete(verifications).where(eq(verifications.value, userId));
}
