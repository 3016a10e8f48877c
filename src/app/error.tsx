'use client';
// The page shown when rendering fails unexpectedly: a plain message and a retry, never details
// (the server logged them with the request id). A form posted from a page of an older release
// (its Server Action ids are gone after a deploy) reloads the page instead: the new release's
// form comes back with what was typed (the pet forms keep a draft in this tab).
import { unstable_isUnrecognizedActionError } from 'next/navigation';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { reloadOnceForNewRelease } from '@/lib/new-release-reload';

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const staleRelease = unstable_isUnrecognizedActionError(error);
  const [reloadRefused, setReloadRefused] = useState(false);
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the reload guard lives in browser storage
    if (staleRelease && !reloadOnceForNewRelease()) setReloadRefused(true);
  }, [staleRelease]);

  if (staleRelease && !reloadRefused)
    return (
      <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center px-4 text-center">
        <h1 className="text-2xl font-bold tracking-tight">Pawprint was just updated</h1>
        <p className="mt-2 text-stone-600" role="status">
          Reloading the page; what you typed is kept.
        </p>
      </main>
    );
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center px-4 text-center">
      <h1 className="text-2xl font-bold tracking-tight">Something went wrong</h1>
      <p className="mt-2 text-stone-600">Please try again in a moment.</p>
      <Button className="mt-6" onClick={reset}>
        Try again
      </Button>
    </main>
  );
}
