'use client';
// Rendered on the page a successful save lands on: the draft of that form is no longer needed.
import { useEffect } from 'react';
import { discardDraft } from './pet-draft';

export function ClearDraft({ draftKey }: { draftKey: string }) {
  useEffect(() => discardDraft(draftKey), [draftKey]);
  return null;
}
