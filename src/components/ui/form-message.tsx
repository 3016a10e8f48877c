// The form-level outcome of an action (e.g. "Email or password is incorrect"), announced to
// screen readers as it appears.
import { cn } from '@/lib/cn';

export function FormMessage({
  message,
  tone = 'error',
  id,
}: {
  message?: string;
  tone?: 'error' | 'success';
  id?: string;
}) {
  return (
    // role=alert is announced assertively, role=status politely: no aria-live of our own.
    <div id={id} role={tone === 'error' ? 'alert' : 'status'} className="empty:hidden">
      {message ? (
        <p
          className={cn(
            'rounded-lg border px-3 py-2 text-sm font-medium',
            tone === 'error' ? 'border-red-200 bg-red-50 text-red-800' : 'border-brand-100 bg-brand-50 text-brand-900',
          )}
        >
          {message}
        </p>
      ) : null}
    </div>
  );
}
