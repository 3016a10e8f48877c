// Pets as stored, read straight from the database as the admin role (row-level security does not
// apply): the columns in the form the tests compare, and the storage objects rows point at.

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
  version: number;
  submission_id: string | null;
};

export const PET_COLUMNS = `id, user_id, name, category, to_char(birthday, 'YYYY-MM-DD') as birthday, gender, image_path, version, submission_id`;

/** The objects a set of rows points at (display image and thumbnail of each). */
export function referencedObjects(rows: Pick<PetRow, 'image_path'>[]): string[] {
  return rows.flatMap((row) => (row.image_path ? [row.image_path, thumbnailOf(row.image_path)] : [])).sort();
}
