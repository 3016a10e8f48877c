// The one judge of where a user may be sent after signing in: a path on this site only. Whatever
// the candidate, the answer is a normalized path that a browser resolves to this origin, or /pets.

export const DEFAULT_AFTER_LOGIN = '/pets';

const MAX_LENGTH = 2048;
/** A fixed stand-in for this site: the browser resolves a Location against the page's origin. */
const SAME_SITE = 'http://same-site.invalid';
/**
 * Backslashes (browsers read `/\host` as `//host`), control and format characters (browsers drop
 * tabs and newlines, so `/\t/host` becomes `//host`; bidi overrides disguise a path) and whitespace.
 */
const UNSAFE_CHARACTER = /[\\\p{Cc}\p{Cf}\p{Z}\s]/u;
/**
 * Encoded dots, slashes, backslashes and percent signs in the path: a server or proxy that decodes
 * once more (`%2e%2e`, `%2f`, `%252f`) would see dot segments or `//host` that the check did not.
 */
const ENCODED_DELIMITER = /%(2e|2f|5c|25)/i;

function resolveOnSite(path: string): string | null {
  let url: URL;
  try {
    url = new URL(path, SAME_SITE);
  } catch {
    return null;
  }
  if (url.origin !== SAME_SITE) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** `candidate` normalized, if a browser would resolve it to this site; otherwise `/pets`. */
export function safeRedirectPath(candidate: unknown): string {
  if (typeof candidate !== 'string' || candidate.length === 0 || candidate.length > MAX_LENGTH) {
    return DEFAULT_AFTER_LOGIN;
  }
  if (UNSAFE_CHARACTER.test(candidate)) return DEFAULT_AFTER_LOGIN;
  // A rooted path only: `//host` is protocol-relative, `https:…` and `javascript:…` are not paths.
  if (!candidate.startsWith('/') || candidate.startsWith('//')) return DEFAULT_AFTER_LOGIN;
  const path = candidate.split(/[?#]/, 1)[0]!;
  if (ENCODED_DELIMITER.test(path)) return DEFAULT_AFTER_LOGIN;
  const resolved = resolveOnSite(candidate);
  // Dot segments can leave an empty first segment (`/.//host`, `/a/..//host` → `//host`).
  if (resolved === null || !resolved.startsWith('/') || resolved.startsWith('//')) return DEFAULT_AFTER_LOGIN;
  // What is sent must resolve to itself again: no second reading may land elsewhere.
  if (resolveOnSite(resolved) !== resolved) return DEFAULT_AFTER_LOGIN;
  return resolved;
}
