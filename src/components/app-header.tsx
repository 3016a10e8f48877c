// The header of every signed-in page: the brand, who is signed in, and Log out.
import Link from 'next/link';
import { Brand } from './brand';
import { LogoutButton } from './auth/logout-button';

export function AppHeader({ email }: { email: string }) {
  return (
    <header className="app-header">
      <div className="mx-auto flex h-16 max-w-6xl items-center justify-between gap-4 px-4 sm:px-6">
        <Brand />
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
