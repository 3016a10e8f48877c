// A pet's picture: its photo when it has one, otherwise a friendly placeholder drawn from its
// name, so every card keeps the same size and nothing jumps as a page loads.
import { PawIcon } from '@/components/brand';
import { cn } from '@/lib/cn';

const PALETTES = [
  'from-amber-100 to-orange-200 text-orange-800',
  'from-sky-100 to-indigo-200 text-indigo-800',
  'from-emerald-100 to-teal-200 text-teal-800',
  'from-rose-100 to-pink-200 text-rose-800',
  'from-violet-100 to-purple-200 text-purple-800',
  'from-lime-100 to-green-200 text-green-800',
];

function paletteFor(seed: string): string {
  let hash = 0;
  for (const character of seed) hash = (hash * 31 + character.codePointAt(0)!) >>> 0;
  return PALETTES[hash % PALETTES.length]!;
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
        className={cn('bg-stone-100 object-cover', className)}
      />
    );
  }
  const initial = [...name][0]?.toUpperCase() ?? '?';
  return (
    <div
      aria-hidden
      className={cn('relative grid place-items-center overflow-hidden bg-gradient-to-br', paletteFor(id), className)}
    >
      <PawIcon className="absolute -right-4 -bottom-4 size-2/5 opacity-15" />
      <span className="text-5xl font-bold">{initial}</span>
    </div>
  );
}
