// Synthetic photos for the bench: photo-like content (upscaled, blurred noise), so they weigh what
// real photos weigh — flat colour would compress to almost nothing.
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { padJpeg } from '../tests/support/images';

/** Photo-like thumbnails (640×480 WebP at the app's quality 70, ~43 KB each like a real photo's):
 * upscaled, blurred noise, not flat colour (which would weigh almost nothing). */
export async function thumbnails(count: number): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for (let index = 0; index < count; index++) {
    const raw = randomBytes(80 * 60 * 3);
    out.push(
      await sharp(raw, { raw: { width: 80, height: 60, channels: 3 } })
        .resize(640, 480, { kernel: 'cubic' })
        .blur(1.2)
        .webp({ quality: 70 })
        .toBuffer(),
    );
  }
  return out;
}

/** A JPEG of `bytes` bytes with photo-like content (6000×4000 when 20 MB), padded with comments. */
export async function photoJpeg(bytes: number): Promise<Buffer> {
  const [width, height] = bytes >= 10 * 1024 * 1024 ? [6000, 4000] : [2000, 1500];
  const raw = randomBytes((width / 4) * (height / 4) * 3);
  let quality = 95;
  let jpeg: Buffer;
  for (;;) {
    jpeg = await sharp(raw, { raw: { width: width / 4, height: height / 4, channels: 3 } })
      .resize(width, height, { kernel: 'cubic' })
      .jpeg({ quality })
      .toBuffer();
    if (jpeg.length <= bytes || quality <= 40) break;
    quality -= 10;
  }
  return padJpeg(jpeg, bytes);
}
