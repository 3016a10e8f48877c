import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { register } from '@/actions/auth';
import { CredentialsForm } from '@/components/auth/credentials-form';
import { getSessionUser } from '@/data/session';

export const metadata: Metadata = { title: 'Create your account' };

export default async function RegisterPage() {
  if (await getSessionUser()) redirect('/pets');

  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight">Create your account</h1>
      <p className="mt-1 mb-6 text-stone-600">Keep every pet’s profile and photos in one place.</p>
      <CredentialsForm mode="register" action={register} />
      <p className="mt-6 text-center text-sm text-stone-600">
        Already have an account?{' '}
        <Link href="/login" className="font-semibold text-brand-700 underline-offset-2 hover:underline">
          Sign in
        </Link>
      </p>
    </>
  );
}
