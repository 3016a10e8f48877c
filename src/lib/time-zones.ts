// The IANA time zones a person can choose for their account: the runtime's own list (the zones its
// time-zone data can convert), plus UTC. Names are stored in the runtime's canonical spelling, so
// an alias a browser reports ("Asia/Kathmandu", "Etc/UTC") is stored as the name the list shows.

let zones: ReadonlySet<string> | null = null;

export function supportedTimeZones(): ReadonlySet<string> {
  zones ??= new Set(['UTC', ...Intl.supportedValuesOf('timeZone')]);
  return zones;
}

/** Answers of canonicalTimeZone: building an Intl.DateTimeFormat costs about a millisecond, and the
 * reminder scan asks for thousands of (a few hundred distinct) zones a second. Bounded: cleared when
 * arbitrary input has filled it. */
const canonicalNames = new Map<string, string | null>();

/** The canonical name of a zone the runtime knows ("Asia/Kathmandu" → its listed spelling), else null. */
export function canonicalTimeZone(value: string): string | null {
  if (!value || value.length > 64) return null;
  const known = canonicalNames.get(value);
  if (known !== undefined) return known;
  let canonical: string | null;
  try {
    const resolved = new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone;
    canonical = supportedTimeZones().has(resolved) ? resolved : null;
  } catch {
    canonical = null;
  }
  if (canonicalNames.size >= 2_000) canonicalNames.clear();
  canonicalNames.set(value, canonical);
  return canonical;
}

/** The zones grouped by region ("Africa", "America", …) for a chooser; UTC first on its own. */
export function timeZonesByRegion(): { region: string; zones: string[] }[] {
  const groups = new Map<string, string[]>();
  for (const zone of supportedTimeZones()) {
    const region = zone.includes('/') ? zone.slice(0, zone.indexOf('/')) : 'UTC';
    groups.set(region, [...(groups.get(region) ?? []), zone]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === 'UTC' ? -1 : b === 'UTC' ? 1 : a.localeCompare(b)))
    .map(([region, list]) => ({ region, zones: list.sort() }));
}
