import type { Metadata } from 'next';
import { InvalidResetLink, ResetPasswordForm } from '@/components/auth/reset-password-form';
import { isPasswordResetTokenUsable } from '@/data/auth';
import { refusedResetTokenCheck } from '@/data/reset-token-checks';
import { logUnexpected } from '@/lib/errors';
import { requestContext } from '@/lib/request-context';
import { RESET_LINK_INVALID_MESSAGE } from '@/lib/validations/recovery';

export const metadata: Metadata = { title: 'Choose a new password' };

/** Whether the link still works, so a dead one says so before anything is typed; the action checks again. */
async function usable(token: string): Promise<boolean> {
  if (token === '' || token.length > 256) return false;
  try {
    return await isPasswordResetTokenUsable(token);
  } catch (error) {
    logUnexpected(error, { action: 'isPasswordResetTokenUsable', requestId: (await requestContext()).requestId });
    // The form's action gives the verdict then.
    return true;
  }
}

export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const { token: given } = await searchParams;
  const token = (Array.isArray(given) ? given[0] : given) ?? '';
  // The page tells whether a token works: each view is a token check, limited like a submit.
  const refused = await refusedResetTokenCheck(await requestContext(), 'reset link check');
  const ok = refused === null && (await usable(token));
  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight">Choose a new password</h1>
      {ok ? (
        <>
          <p className="mt-1 mb-6 text-stone-600">
            Every device signed in to your account will be signed out. Then sign in with the new password.
          </p>
          <ResetPasswordForm token={token} />
        </>
      ) : (
        <div className="mt-6">
          <InvalidResetLink message={refused ?? RESET_LINK_INVALID_MESSAGE} />
        </div>
      )}
    </>
  );
}
