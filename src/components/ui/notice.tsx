// A confirmation after a redirect ("Bella was added."), announced politely to screen readers.
import { cn } from '@/lib/cn';

export function Notice({ children, className }: { children: React.ReactNode; className?: string }) {
  return (
    <p
      role="status"
      className={cn(
        'rounded-xl border border-brand-100 bg-brand-50 px-4 py-3 text-sm font-medium text-brand-900',
        className,
      )}
    >
      {children}
    </p>
  );
}
