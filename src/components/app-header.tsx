// The header of every signed-in page: the brand, who is signed in, and Log out.
import Link from 'next/link';
import { Brand } from './brand';
import { LogoutButton } from './auth/logout-button';

export function AppHeader({ email }: { email: string }) {
  return (
    <header className="sticky top-0 z-10 border-b border-stone-200 bg-white/90 backdrop-blur">
      <div className="mx-auto flex h-16 max-w-6xl items-center justify-between gap-4 px-4 sm:px-6">
        <Brand />
        <div className="flex min-w-0 items-center gap-3">
          <Link
            href="/account"
            className="max-w-[40vw] truncate rounded-md px-1 text-sm text-stone-600 underline-offset-2 hover:text-stone-900 hover:underline sm:max-w-xs"
            title={`Account: ${email}`}
          >
            {email}
          </Link>
          <LogoutButton />
        </div>
      </div>
    </header>
  );
}
