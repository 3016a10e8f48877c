'use client';
// The browser's own IANA time zone, for rules that need the person's "today" before the server
// answers, and as the zone a new account starts with. '' while rendering on the server.
import { useSyncExternalStore } from 'react';

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

const neverChanges = () => () => {};

export function useBrowserTimeZone(): string {
  return useSyncExternalStore(neverChanges, browserTimeZone, () => '');
}
