// The app's name and mark, linking home.
import Link from 'next/link';
import { cn } from '@/lib/cn';

/** The paw mark, painted in the text colour (globals.css: .icon-paw); size it with a class. */
export function PawIcon({ className }: { className?: string }) {
  return <span aria-hidden className={cn('icon icon-paw', className)} />;
}

export function Brand({ href = '/pets' }: { href?: string }) {
  return (
    <Link
      href={href}
      className="inline-flex items-center gap-2 rounded-md text-lg font-bold tracking-tight text-brand-900"
    >
      <span className="grid size-8 place-items-center rounded-lg bg-brand-700 text-white">
        <PawIcon className="size-5" />
      </span>
      Pawprint
    </Link>
  );
}
