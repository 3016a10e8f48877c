// The app's name and mark, linking home.
import Link from 'next/link';

export function PawIcon({ className }: { className?: string }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden className={className} fill="currentColor">
      <ellipse cx="6" cy="9" rx="2.2" ry="2.8" />
      <ellipse cx="10" cy="5.5" rx="2.2" ry="2.8" />
      <ellipse cx="14" cy="5.5" rx="2.2" ry="2.8" />
      <ellipse cx="18" cy="9" rx="2.2" ry="2.8" />
      <path d="M12 11c-3.3 0-6 3.4-6 6.2 0 1.9 1.5 2.8 3 2.8 1.2 0 2-.6 3-.6s1.8.6 3 .6c1.5 0 3-.9 3-2.8C18 14.4 15.3 11 12 11Z" />
    </svg>
  );
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
