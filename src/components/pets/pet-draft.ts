// A pet form's draft in sessionStorage (this tab only): what the user typed survives a submit
// that met an expired session and the trip through /login. Cleared when the save succeeds.
import type { PetFormValues } from '@/lib/validations/rules';

const PREFIX = 'pet-draft:';

export function saveDraft(key: string, values: PetFormValues): void {
  try {
    sessionStorage.setItem(PREFIX + key, JSON.stringify(values));
  } catch {
    // Storage full or disabled: the form still works, only without a draft.
  }
}

export function readDraft(key: string): PetFormValues | null {
  try {
    const raw = sessionStorage.getItem(PREFIX + key);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<PetFormValues>;
    return {
      name: String(parsed.name ?? ''),
      category: String(parsed.category ?? ''),
      birthday: String(parsed.birthday ?? ''),
      gender: String(parsed.gender ?? ''),
    };
  } catch {
    return null;
  }
}

export function discardDraft(key: string): void {
  try {
    sessionStorage.removeItem(PREFIX + key);
  } catch {
    // Nothing to clear.
  }
}
