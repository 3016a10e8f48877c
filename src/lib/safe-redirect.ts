// Where `login` may send the user afterwards: a path on this site only (no open redirect).

export const DEFAULT_AFTER_LOGIN = '/pets';

/** Returns `candidate` if it is a same-site relative path, otherwise `/pets`. */
export function safeRedirectPath(candidate: unknown): string {
  if (typeof candidate !== 'string' || candidate.length === 0 || candidate.length > 2048) {
    return DEFAULT_AFTER_LOGIN;
  }
  // Must be a rooted path; `//host` and `/\host` are protocol-relative to browsers.
  if (!candidate.startsWith('/') || candidate.startsWith('//') || candidate.includes('\\')) {
    return DEFAULT_AFTER_LOGIN;
  }
  // Browsers strip tabs and newlines from URLs, which could turn `/\t/evil` into `//evil`.
  if (/[\u0000-\u001f\u007f]/.test(candidate)) return DEFAULT_AFTER_LOGIN;
  const base = 'http://same-site.invalid';
  let parsed: URL;
  try {
    parsed = new URL(candidate, base);
  } catch {
    return DEFAULT_AFTER_LOGIN;
  }
  if (parsed.origin !== base) return DEFAULT_AFTER_LOGIN;
  return `${parsed.pathname}${parsed.search}${parsed.hash}`;
}
