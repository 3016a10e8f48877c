// A full reload after a deploy made this page's Server Actions unknown to the server, at most
// once a minute per tab: a reload that still meets the old release must not loop.
const KEY = 'new-release-reload-at';
const MIN_INTERVAL_MS = 60_000;

/** Reloads, or returns false when this tab already reloaded for it within the last minute. */
export function reloadOnceForNewRelease(): boolean {
  let last = 0;
  try {
    last = Number(sessionStorage.getItem(KEY) ?? 0);
    sessionStorage.setItem(KEY, String(Date.now()));
  } catch {
    // No storage: reload anyway (no loop guard, but no loss either).
  }
  if (Date.now() - last < MIN_INTERVAL_MS) return false;
  window.location.reload();
  return true;
}
