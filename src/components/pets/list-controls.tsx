// Search, sort and order for /pets: a plain GET form (works without JavaScript); with it, a
// change of sort or order applies at once.
'use client';
import { useRef } from 'react';
import { Button } from '@/components/ui/button';
import { inputClassName } from '@/components/ui/field';
import { cn } from '@/lib/cn';
import { PAGE_SIZE_DEFAULT, SEARCH_MAX_LENGTH, type PetListParams } from '@/lib/pet-list-limits';

export function ListControls({ params }: { params: PetListParams }) {
  const formRef = useRef<HTMLFormElement>(null);
  const submitNow = () => formRef.current?.requestSubmit();
  return (
    <form
      ref={formRef}
      method="get"
      action="/pets"
      role="search"
      className="flex flex-col gap-3 sm:flex-row sm:items-end"
    >
      <div className="flex-1">
        <label htmlFor="q" className="mb-1.5 block text-sm font-medium text-stone-800">
          Search
        </label>
        <input
          id="q"
          name="q"
          type="search"
          defaultValue={params.q}
          maxLength={SEARCH_MAX_LENGTH}
          placeholder="Name or category"
          className={inputClassName}
        />
      </div>
      <div>
        <label htmlFor="sortBy" className="mb-1.5 block text-sm font-medium text-stone-800">
          Sort by
        </label>
        <select
          id="sortBy"
          name="sortBy"
          defaultValue={params.sortBy}
          onChange={submitNow}
          className={cn(inputClassName, 'h-[42px] sm:w-40')}
        >
          <option value="created_at">Date added</option>
          <option value="name">Name</option>
        </select>
      </div>
      <div>
        <label htmlFor="order" className="mb-1.5 block text-sm font-medium text-stone-800">
          Order
        </label>
        <select
          id="order"
          name="order"
          defaultValue={params.order}
          onChange={submitNow}
          className={cn(inputClassName, 'h-[42px] sm:w-44')}
        >
          <option value="desc">{params.sortBy === 'name' ? 'Z to A' : 'Newest first'}</option>
          <option value="asc">{params.sortBy === 'name' ? 'A to Z' : 'Oldest first'}</option>
        </select>
      </div>
      {params.limit !== PAGE_SIZE_DEFAULT ? <input type="hidden" name="limit" value={params.limit} /> : null}
      <Button type="submit" variant="secondary" className="h-[42px]">
        Apply
      </Button>
    </form>
  );
}
