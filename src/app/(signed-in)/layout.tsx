import type { ReactNode } from 'react';
import { AppHeader } from '@/components/app-header';
import { getSessionUser } from '@/data/session';

// Each page checks the session itself (with its own return path); the layout only shows who is in.
export default async function PetsLayout({ children }: { children: ReactNode }) {
  const user = await getSessionUser();
  return (
    <>
      {user ? <AppHeader email={user.email} /> : null}
      <main className="mx-auto max-w-6xl px-4 py-8 sm:px-6">{children}</main>
    </>
  );
}
