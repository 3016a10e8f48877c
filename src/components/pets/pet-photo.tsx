// A pet's picture: its photo when it has one, otherwise a friendly placeholder drawn from its
// name, so every card keeps the same size and nothing jumps as a page loads.
import { PawIcon } from '@/components/brand';
import { cn } from '@/lib/cn';

/** Gradients .pet-palette-0… in globals.css. */
const PALETTE_COUNT = 6;

function paletteFor(seed: string): string {
  let hash = 0;
  for (const character of seed) hash = (hash * 31 + character.codePointAt(0)!) >>> 0;
  return `pet-palette-${hash % PALETTE_COUNT}`;
}

type PetPhotoProps = {
  id: string;
  name: string;
  imageUrl: string | null;
  className?: string;
  /** Intrinsic size, so the browser reserves the space before the picture arrives. */
  width?: number;
  height?: number;
  priority?: boolean;
};

export function PetPhoto({ id, name, imageUrl, className, width, height, priority = false }: PetPhotoProps) {
  if (imageUrl) {
    return (
      // Signed storage URLs are served as they are (next/image would proxy them).
      // eslint-disable-next-line @next/next/no-img-element
      <img
        src={imageUrl}
        alt={`Photo of ${name}`}
        width={width}
        height={height}
        loading={priority ? 'eager' : 'lazy'}
        decoding="async"
        className={cn('pet-photo', className)}
      />
    );
  }
  const initial = [...name][0]?.toUpperCase() ?? '?';
  return (
    <div aria-hidden className={cn('pet-placeholder', paletteFor(id), className)}>
      <PawIcon className="pet-placeholder-paw" />
      <span className="text-5xl font-bold">{initial}</span>
    </div>
  );
}
