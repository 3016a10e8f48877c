'use client';
// While a photo on the page is still being processed, the page asks the server for itself again
// every few seconds (router.refresh: the same server render, through the DAL) and so shows the
// photo, or its failure, without a manual reload. The parent stops rendering this once no photo is
// processing, which stops the polling; it also gives up after a few minutes. Without JavaScript a
// note asks for a reload.
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { PHOTO_REFRESH_MS, PHOTO_STATUS_MESSAGES } from '@/lib/photo-status';

/** Longer than processing takes even behind a queue (the load target is 10 s); then a reload is the user's call. */
const GIVE_UP_MS = 5 * 60_000;

export function RefreshWhileProcessing() {
  const router = useRouter();
  useEffect(() => {
    const poll = setInterval(() => router.refresh(), PHOTO_REFRESH_MS);
    const giveUp = setTimeout(() => clearInterval(poll), GIVE_UP_MS);
    return () => {
      clearInterval(poll);
      clearTimeout(giveUp);
    };
  }, [router]);
  return (
    <noscript>
      <p className="mt-4 text-sm text-stone-600">{PHOTO_STATUS_MESSAGES.processingNoScript}</p>
    </noscript>
  );
}
