// A pet's picture: its photo when it has one, otherwise a friendly placeholder drawn from its
// name, so every card keeps the same size and nothing jumps as a page loads. While the photo is
// being processed (ADR 0016) the placeholder says so; the uploaded original is never shown.
import { cn } from '@/lib/cn';
import { PHOTO_STATUS_MESSAGES, type PhotoStatus } from '@/lib/photo-status';

/** What a placeholder says: short, it sits on the picture (the pet's page gives the full failure message). */
const PHOTO_CAPTIONS = { processing: PHOTO_STATUS_MESSAGES.processing, failed: "Photo couldn't be processed" } as const;

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
  /** The photo's state: 'processing' and 'failed' are written on the placeholder. */
  status?: PhotoStatus;
};

export function PetPhoto({ id, name, imageUrl, className, width, height, priority = false, status }: PetPhotoProps) {
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
  const caption =
    status === 'processing' ? PHOTO_CAPTIONS.processing : status === 'failed' ? PHOTO_CAPTIONS.failed : null;
  return (
    <div className={cn('pet-placeholder', paletteFor(id), className)}>
      <span aria-hidden className={cn('pet-placeholder-initial', status === 'processing' && 'animate-pulse')}>
        {initial}
      </span>
      {caption ? <span className="pet-photo-caption">{caption}</span> : null}
    </div>
  );
}
