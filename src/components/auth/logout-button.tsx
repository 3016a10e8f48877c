// Signs out through the `logout` action: a plain form, so it works without JavaScript.
import { logout } from '@/actions/auth';
import { SubmitButton } from '@/components/ui/submit-button';

export function LogoutButton() {
  return (
    <form
      className="shrink-0"
      action={async () => {
        'use server';
        await logout();
      }}
    >
      <SubmitButton variant="ghost" size="sm" pendingLabel="Signing out…" className="shrink-0 whitespace-nowrap">
        Log out
      </SubmitButton>
    </form>
  );
}
