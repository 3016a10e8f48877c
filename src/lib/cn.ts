// Joins class names. No merging of conflicting utilities is needed: the shared looks are
// component classes (globals.css), which any utility given beside them overrides by layer.
import { clsx, type ClassValue } from 'clsx';

export function cn(...inputs: ClassValue[]): string {
  return clsx(inputs);
}
