// Server Action ids of a production build, read from its server reference manifest
// (.next/server/server-reference-manifest.json): what a client outside the app sends in the
// `Next-Action` header to call one.
import { readFileSync } from 'node:fs';
import path from 'node:path';

type ManifestEntry = { filename?: string; exportedName?: string };

function manifestEntries(buildDir: string): [string, ManifestEntry][] {
  const manifest = JSON.parse(
    readFileSync(path.join(buildDir, '.next', 'server', 'server-reference-manifest.json'), 'utf8'),
  ) as { node: Record<string, ManifestEntry> };
  return Object.entries(manifest.node);
}

/** The ids of the named actions of src/actions (`name` → id); throws if the build lacks one. */
export function actionIdsOf<Name extends string>(
  names: readonly Name[],
  buildDir = process.cwd(),
): Record<Name, string> {
  const ids: Partial<Record<Name, string>> = {};
  for (const [id, entry] of manifestEntries(buildDir)) {
    if (entry.filename?.startsWith('src/actions/') && (names as readonly string[]).includes(entry.exportedName ?? ''))
      ids[entry.exportedName as Name] = id;
  }
  for (const name of names) if (!ids[name]) throw new Error(`action ${name} is not in the build's manifest`);
  return ids as Record<Name, string>;
}

/**
 * The contract's actions the suites call over HTTP. Only actions some page or client component
 * uses are in the manifest (getImageSignedUrl is not), so only those can be listed here.
 */
export const APP_ACTIONS = [
  'register',
  'login',
  'logout',
  'getCurrentUser',
  'getPets',
  'getPet',
  'createPet',
  'updatePet',
  'deletePet',
  'generateImageUploadUrl',
  'deleteAccount',
  'createVaccination',
  'updateVaccination',
  'deleteVaccination',
  'createVetVisit',
  'updateVetVisit',
  'deleteVetVisit',
] as const;
export type AppActionIds = Record<(typeof APP_ACTIONS)[number], string>;

export function appActionIds(buildDir = process.cwd()): AppActionIds {
  return actionIdsOf(APP_ACTIONS, buildDir);
}

/** Every Server Action the build exposes, whatever its file: `file#export` → id. */
export function allActionIds(buildDir = process.cwd()): Record<string, string> {
  return Object.fromEntries(
    manifestEntries(buildDir).map(([id, entry]) => [`${entry.filename ?? '?'}#${entry.exportedName ?? '?'}`, id]),
  );
}
