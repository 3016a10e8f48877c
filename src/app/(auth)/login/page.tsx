import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { login } from '@/actions/auth';
import { CredentialsForm } from '@/components/auth/credentials-form';
import { Notice } from '@/components/ui/notice';
import { getSessionUser } from '@/data/session';
import { safeRedirectPath } from '@/lib/safe-redirect';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ redirect?: string | string[]; deleted?: string; reset?: string }>;
}) {
  const { redirect: requested, deleted, reset } = await searchParams;
  const redirectTo = safeRedirectPath(Array.isArray(requested) ? requested[0] : requested);
  if (await getSessionUser()) redirect(redirectTo);

  return (
    <>
      {deleted === '1' ? (
        <Notice className="mb-6">Your account and all its pets and photos were deleted.</Notice>
      ) : null}
      {reset === '1' ? (
        <Notice className="mb-6">
          Your password was changed and every device was signed out. Sign in with your new password.
        </Notice>
      ) : null}
      <h1 className="text-2xl font-bold tracking-tight">Welcome back</h1>
      <p className="mt-1 mb-6 text-stone-600">Sign in to see your pets.</p>
      <CredentialsForm mode="login" action={login} redirectTo={redirectTo} />
      <p className="mt-4 text-right text-sm">
        <Link href="/forgot-password" className="font-semibold text-brand-700 underline-offset-2 hover:underline">
          Forgot password?
        </Link>
      </p>
      <p className="mt-6 text-center text-sm text-stone-600">
        New here?{' '}
        <Link href="/register" className="font-semibold text-brand-700 underline-offset-2 hover:underline">
          Create an account
        </Link>
      </p>
    </>
  );
}
