// Runs Server Actions in integration tests as a browser would reach them: each `Browser` keeps a
// cookie jar, and every call runs inside a request scope that `next/headers` reads from.
// Only Next's request plumbing is stood in for; the database, auth library and actions are real.
import { AsyncLocalStorage } from 'node:async_hooks';
import { CLIENT_ADDRESS_HEADER, REQUEST_ID_HEADER } from '@/lib/request-headers';

type RequestScope = { headers: Headers; jar: Map<string, string> };
const scope = new AsyncLocalStorage<RequestScope>();

function current(): RequestScope {
  const store = scope.getStore();
  if (!store) throw new Error('next/headers used outside a test request scope (use browser.call)');
  return store;
}

function cookieHeader(jar: Map<string, string>): string {
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

/** Stand-in for `next/headers`, registered for every integration file by integration-setup.ts. */
export const nextHeaders = {
  headers: async () => {
    const { headers, jar } = current();
    const merged = new Headers(headers);
    if (jar.size > 0) merged.set('cookie', cookieHeader(jar));
    return merged;
  },
  cookies: async () => {
    const { jar } = current();
    return {
      get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      has: (name: string) => jar.has(name),
      set: (name: string, value: string, options?: { maxAge?: number; expires?: Date }) => {
        const expired = options?.maxAge === 0 || (options?.expires && options.expires.getTime() <= Date.now());
        if (expired || value === '') jar.delete(name);
        else jar.set(name, value);
      },
      delete: (name: string) => jar.delete(name),
    };
  },
};

/** Revalidation needs Next's cache runtime; tests record the calls instead. */
export const revalidated: string[] = [];
export const nextCache = {
  revalidatePath: (path: string) => revalidated.push(path),
  revalidateTag: (tag: string) => revalidated.push(`tag:${tag}`),
  updateTag: (tag: string) => revalidated.push(`tag:${tag}`),
  refresh: () => revalidated.push('refresh'),
};

/** What a Server Action ended with: its returned value, or the redirect it threw. */
export type ActionOutcome<T> = { kind: 'returned'; value: T } | { kind: 'redirected'; location: string };

/** What the action returned; a redirect fails the test with where it went. */
export function returned<T>(outcome: ActionOutcome<T>): T {
  if (outcome.kind !== 'returned') throw new Error(`expected a returned value, got a redirect to ${outcome.location}`);
  return outcome.value;
}

function redirectLocation(error: unknown): string | undefined {
  const digest = (error as { digest?: unknown } | null)?.digest;
  if (typeof digest !== 'string' || !digest.startsWith('NEXT_REDIRECT')) return undefined;
  // NEXT_REDIRECT;<type>;<url>;<status>;
  return digest.split(';').slice(2, -2).join(';');
}

export class Browser {
  readonly jar = new Map<string, string>();
  /** Each browser comes from its own address unless a test shares one on purpose. */
  constructor(readonly address = randomAddress()) {}

  /** Runs `action` as one request from this browser. */
  async call<T>(action: () => Promise<T>, extraHeaders: Record<string, string> = {}): Promise<ActionOutcome<T>> {
    const headers = new Headers({
      [CLIENT_ADDRESS_HEADER]: this.address,
      [REQUEST_ID_HEADER]: crypto.randomUUID(),
      'user-agent': 'integration-test',
      ...extraHeaders,
    });
    try {
      const value = await scope.run({ headers, jar: this.jar }, action);
      return { kind: 'returned', value };
    } catch (error) {
      const location = redirectLocation(error);
      if (location !== undefined) return { kind: 'redirected', location };
      throw error;
    }
  }

  /** Submits a form to a form action, as a first submit: no previous state. */
  submit<T>(
    action: (previousState: null, formData: FormData) => Promise<T>,
    fields: Record<string, string | Blob>,
  ): Promise<ActionOutcome<T>> {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    return this.call(() => action(null, form));
  }
}

function randomAddress(): string {
  const part = () => Math.floor(Math.random() * 0xffff).toString(16);
  // A /64 of its own: per-address limits count an IPv6 client by its /64 (ADR 0025).
  return `2001:db8:${part()}:${part()}::${part()}`;
}
