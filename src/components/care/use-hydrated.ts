'use client';
// false while server-rendered and hydrating, true from then on: a control can be a plain link or
// field without JavaScript and a richer one with it, without a hydration mismatch.
import { useSyncExternalStore } from 'react';

const neverChanges = () => () => {};

export function useHydrated(): boolean {
  return useSyncExternalStore(
    neverChanges,
    () => true,
    () => false,
  );
}
