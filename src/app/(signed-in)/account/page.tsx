import type { Metadata } from 'next';
import Link from 'next/link';
import { CalendarFeedForm } from '@/components/account/calendar-feed-form';
import { ChangePasswordForm } from '@/components/account/change-password-form';
import { DataExportList } from '@/components/account/data-export-list';
import { DeleteAccountForm } from '@/components/account/delete-account-form';
import { ExportDataForm } from '@/components/account/export-data-form';
import { PreferencesForm } from '@/components/account/preferences-form';
import { RemindersForm } from '@/components/account/reminders-form';
import { listRecentEvents } from '@/data/audit';
import { getCalendarFeedStatus } from '@/data/calendar-feed';
import { EXPORT_RETENTION_DAYS, listDataExports } from '@/data/exports';
import { getPreferences } from '@/data/preferences';
import { getReminderSettings } from '@/data/reminders/settings';
import { requireUser } from '@/data/session';
import { SECURITY_EVENT_LABELS } from '@/lib/logger';
import { timeZonesByRegion } from '@/lib/time-zones';

export const metadata: Metadata = { title: 'Account' };

function Section({ title, description, children }: { title: string; description: string; children: React.ReactNode }) {
  return (
    <section className="panel p-6 sm:p-8">
      <h2 className="text-xl font-semibold">{title}</h2>
      <p className="mt-1 mb-6 text-stone-600">{description}</p>
      {children}
    </section>
  );
}

export default async function AccountPage() {
  const user = await requireUser('/account');
  const [events, exports, preferences, calendarFeed, reminders] = await Promise.all([
    listRecentEvents(user, 20),
    listDataExports(user),
    getPreferences(user),
    getCalendarFeedStatus(user),
    getReminderSettings(user),
  ]);
  const dateTime = new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: preferences.timeZone,
  });
  return (
    <div className="mx-auto max-w-2xl space-y-8">
      <div>
        <h1 className="text-3xl font-bold tracking-tight">Account</h1>
        <p className="mt-1 break-all text-stone-600">{user.email}</p>
        <p className="mt-1 text-sm font-medium">
          {user.emailVerified ? (
            <span className="text-brand-800">Email verified</span>
          ) : (
            <span className="text-amber-800">
              Email not verified — follow the link we sent, or use “Resend” on{' '}
              <Link href="/pets" className="underline">
                My pets
              </Link>
              .
            </span>
          )}
        </p>
      </div>

      <Section title="Preferences" description="How dates, times and weights are shown to you.">
        <PreferencesForm saved={preferences} timeZones={timeZonesByRegion()} />
      </Section>

      <Section
        title="Reminders"
        description="A daily email listing what is due for your pets: vaccinations, medication doses and booked vet visits."
      >
        <RemindersForm saved={reminders} timeZone={preferences.timeZone} />
      </Section>

      <Section
        title="Calendar feed"
        description="Your pets' care dates in your own calendar app (Google, Apple, Outlook…), through a private link. Calendar apps refresh it every few hours."
      >
        <CalendarFeedForm onSince={calendarFeed.on ? dateTime.format(new Date(calendarFeed.since)) : null} />
      </Section>

      <Section
        title="Recent activity"
        description={`Sign-ins, changes and refusals on your account, newest first (times in ${preferences.timeZone.replaceAll('_', ' ')}).`}
      >
        {events.length === 0 ? (
          <p className="text-stone-600">Nothing yet.</p>
        ) : (
          <ol className="divide-y divide-stone-100">
            {events.map((event) => (
              <li key={event.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-2.5">
                <span
                  className={
                    event.event.endsWith('failed') || event.event.includes('refused') || event.event.includes('limited')
                      ? 'font-medium text-red-800'
                      : 'font-medium'
                  }
                >
                  {SECURITY_EVENT_LABELS[event.event] ?? event.event}
                  {event.count > 1 ? ` (${event.count.toLocaleString('en-US')} times)` : ''}
                </span>
                <span className="text-sm text-stone-600">
                  {event.count > 1 ? 'latest ' : ''}
                  <time dateTime={event.lastAt}>{dateTime.format(new Date(event.lastAt))}</time>
                  {event.ipAddress ? ` · from ${event.ipAddress}` : ''}
                </span>
              </li>
            ))}
          </ol>
        )}
      </Section>

      <Section
        title="Change password"
        description="You need your current password. Every other device will be signed out."
      >
        <ChangePasswordForm />
      </Section>

      <Section
        title="Export your data"
        description={`A ZIP file with all your pets (pets.json) and their photos. We email you a link when it is ready; it is kept for ${EXPORT_RETENTION_DAYS} days. One export an hour.`}
      >
        <ExportDataForm />
        <DataExportList exports={exports} />
      </Section>

      <Section title="Delete account" description="This deletes your account with all your pets and photos, for good.">
        <DeleteAccountForm email={user.email} />
      </Section>
    </div>
  );
}
