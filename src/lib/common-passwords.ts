// The bundled list of the most common passwords (zxcvbn's frequency list, ~49,000 entries), so a
// new password that attackers try first is refused. Server-only: the list never ships to browsers.
import 'server-only';
import { dictionary } from '@zxcvbn-ts/language-common';

let common: Set<string> | undefined;

export const COMMON_PASSWORD_MESSAGE = 'This password is too common';

/** True if the password, ignoring letter case, is on the list. */
export function isCommonPassword(password: string): boolean {
  common ??= new Set(dictionary['passwords-common']);
  return common.has(password.toLowerCase());
}
