'use client';
// "Delete" on a pet's page. Without JavaScript it is a link to the confirmation page; with it,
// the confirmation dialog asks before deleting.
import Link from 'next/link';
import { useState } from 'react';
import { buttonVariants } from '@/components/ui/button';
import { cn } from '@/lib/cn';
import { DeletePetDialog } from './delete-pet-dialog';

export function DeletePetButton({ id, name }: { id: string; name: string }) {
  const [open, setOpen] = useState(false);
  return (
    <DeletePetDialog
      pet={open ? { id, name } : null}
      onOpenChange={setOpen}
      trigger={
        <Link
          href={`/pets/${id}/delete`}
          className={cn(buttonVariants({ variant: 'secondary' }), 'text-red-700 hover:bg-red-50')}
          onClick={(event) => {
            event.preventDefault();
            setOpen(true);
          }}
        >
          Delete
        </Link>
      }
    />
  );
}
