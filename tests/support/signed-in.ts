// An integration-test user: a Browser that registered through the real register action and is
// signed in, with its user id read back through getCurrentUser.
import { getCurrentUser, register } from '@/actions/auth';
import { uniqueEmail } from './accounts';
import { Browser } from './next-request';

export type SignedInBrowser = Browser & { userId: string };

export async function signedIn(label: string, password = 'correct horse battery'): Promise<SignedInBrowser> {
  const browser = new Browser();
  const registered = await browser.submit(register, { email: uniqueEmail(label), password });
  if (registered.kind !== 'redirected') throw new Error(`registering ${label} failed: ${JSON.stringify(registered)}`);
  const me = await browser.call(() => getCurrentUser());
  if (me.kind !== 'returned' || !me.value) throw new Error(`${label} is not signed in after registering`);
  return Object.assign(browser, { userId: me.value.id });
}
