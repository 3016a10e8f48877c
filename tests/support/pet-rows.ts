// Pets as stored, read straight from the database as the admin role (row-level security does not
// apply): the columns in the form the tests compare, the storage objects rows point at, and a row
// read again until the process-photo job has settled its photo (ADR 0016).

/** The thumbnail stored beside a display image. */
export function thumbnailOf(imagePath: string): string {
  return imagePath.replace(/\.webp$/, '.thumb.webp');
}

export type PetRow = {
  id: string;
  user_id: string;
  name: string;
  category: string;
  birthday: string;
  gender: string;
  image_path: string | null;
  /** 'processing' | 'ready' | 'failed', or null without a photo (ADR 0016). */
  photo_status: string | null;
  /** The original the process-photo job needs; set exactly while 'processing'. */
  photo_original_key: string | null;
  version: number;
  submission_id: string | null;
};

export const PET_COLUMNS = `id, user_id, name, category, to_char(birthday, 'YYYY-MM-DD') as birthday, gender, image_path, photo_status, photo_original_key, version, submission_id`;

/** The objects a set of rows points at (display image and thumbnail of each). */
export function referencedObjects(rows: Pick<PetRow, 'image_path'>[]): string[] {
  return rows.flatMap((row) => (row.image_path ? [row.image_path, thumbnailOf(row.image_path)] : [])).sort();
}

/** Every object a set of rows needs: a ready photo's display image and thumbnail, a pending one's original. */
export function objectsRowsNeed(rows: Pick<PetRow, 'image_path' | 'photo_original_key'>[]): string[] {
  return [
    ...referencedObjects(rows),
    ...rows.flatMap((row) => (row.photo_original_key ? [row.photo_original_key] : [])),
  ].sort();
}

/**
 * The rows `read` returns once none of them is 'processing' any more (the app's process-photo
 * workers have turned each pending original into its display image, or marked it failed).
 * Reads the rows again every 200 ms; throws, naming the pets still pending, after `timeoutMs`.
 */
export async function settledRows<Row extends PetRow>(read: () => Promise<Row[]>, timeoutMs = 60_000): Promise<Row[]> {
  // No vitest here: scripts/load-test.ts imports this module outside the test runner.
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await read();
    const pending = rows.filter((row) => row.photo_status === 'processing');
    if (pending.length === 0) return rows;
    if (Date.now() > deadline)
      throw new Error(`photo still processing after ${timeoutMs} ms: ${pending.map((row) => row.name).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
