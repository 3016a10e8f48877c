// The header of every signed-in page: the brand, the main sections (the pets, what is coming up),
// who is signed in, and Log out. Below 640 px the sections take a row of their own (320 px reflow).
import Link from 'next/link';
import { Brand } from './brand';
import { LogoutButton } from './auth/logout-button';

export function AppHeader({ email }: { email: string }) {
  return (
    <header className="app-header">
      <div className="mx-auto flex min-h-16 max-w-6xl flex-wrap items-center justify-between gap-x-4 gap-y-1 px-4 py-2 sm:px-6">
        <Brand />
        <nav aria-label="Main" className="app-header-nav">
          <Link href="/pets">Pets</Link>
          <Link href="/upcoming">Upcoming</Link>
        </nav>
        <div className="flex min-w-0 items-center gap-3">
          <Link href="/account" className="app-header-account" title={`Account: ${email}`}>
            {email}
          </Link>
          <LogoutButton />
        </div>
      </div>
    </header>
  );
}
