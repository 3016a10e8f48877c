// The IANA time zones a person can choose for their account: the runtime's own list (the zones its
// time-zone data can convert), plus UTC. Names are stored in the runtime's canonical spelling, so
// an alias a browser reports ("Asia/Kathmandu", "Etc/UTC") is stored as the name the list shows.

let zones: ReadonlySet<string> | null = null;

export function supportedTimeZones(): ReadonlySet<string> {
  zones ??= new Set(['UTC', ...Intl.supportedValuesOf('timeZone')]);
  return zones;
}

/** The canonical name of a zone the runtime knows ("Asia/Kathmandu" → its listed spelling), else null. */
export function canonicalTimeZone(value: string): string | null {
  if (!value || value.length > 64) return null;
  try {
    const canonical = new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone;
    return supportedTimeZones().has(canonical) ? canonical : null;
  } catch {
    return null;
  }
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
