'use client';
// "Delete" on a pet's page. Without JavaScript it is a link to the confirmation page; once the page
// is interactive it is a button (it acts, it does not navigate) that opens the confirmation dialog.
import Link from 'next/link';
import { useState, useSyncExternalStore } from 'react';
import { Button, buttonVariants } from '@/components/ui/button';
import { cn } from '@/lib/cn';
import { DeletePetDialog } from './delete-pet-dialog';

const neverChanges = () => () => {};
const DANGER = 'text-red-700 hover:bg-red-50';

export function DeletePetButton({ id, name }: { id: string; name: string }) {
  const [open, setOpen] = useState(false);
  // false while server-rendered and hydrating, true from then on: no hydration mismatch.
  const hydrated = useSyncExternalStore(
    neverChanges,
    () => true,
    () => false,
  );
  return (
    <DeletePetDialog
      pet={open ? { id, name } : null}
      onOpenChange={setOpen}
      trigger={
        hydrated ? (
          <Button type="button" variant="secondary" className={DANGER}>
            Delete
          </Button>
        ) : (
          <Link href={`/pets/${id}/delete`} className={cn(buttonVariants({ variant: 'secondary' }), DANGER)}>
            Delete
          </Link>
        )
      }
    />
  );
}
