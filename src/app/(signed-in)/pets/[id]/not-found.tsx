import Link from 'next/link';
import { buttonVariants } from '@/components/ui/button';

// The same page for a pet that does not exist and for one that is someone else's.
export default function PetNotFound() {
  return (
    <div className="mx-auto flex max-w-md flex-col items-center py-16 text-center">
      <p className="text-sm font-semibold text-brand-700">404</p>
      <h1 className="mt-2 text-2xl font-bold tracking-tight">Pet not found</h1>
      <p className="mt-2 text-stone-600">This pet does not exist, or it is not in your account.</p>
      <Link href="/pets" className={buttonVariants({ className: 'mt-6' })}>
        Back to my pets
      </Link>
    </div>
  );
}
