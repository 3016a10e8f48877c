import type { ReactNode } from 'react';
import { AppHeader } from '@/components/app-header';
import { requireUser } from '@/data/session';

export default async function PetsLayout({ children }: { children: ReactNode }) {
  const user = await requireUser('/pets');
  return (
    <>
      <AppHeader email={user.email} />
      <main className="mx-auto max-w-6xl px-4 py-8 sm:px-6">{children}</main>
    </>
  );
}
