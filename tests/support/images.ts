// Real image files for the photo tests, made with sharp: photos with EXIF GPS, an exactly-20-MB
// JPEG, and a PNG whose header claims a decompression-bomb size.
import { crc32 } from 'node:zlib';
import sharp from 'sharp';

export const TWENTY_MB = 20 * 1024 * 1024;

/** A JPEG photo whose EXIF carries a GPS position (what must never be served back). */
export async function jpegWithGps(width = 1200, height = 900): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#c87a3c' } })
    .composite([
      {
        input: Buffer.from(
          `<svg width="${width}" height="${height}"><circle cx="${width / 2}" cy="${height / 2}" r="${height / 3}" fill="#223366"/></svg>`,
        ),
      },
    ])
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Copyright: 'test' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '48/1 51/1 2400/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '2/1 21/1 300/100',
      },
    })
    .toBuffer();
}

export async function png(width = 800, height = 600): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: { r: 20, g: 160, b: 120, alpha: 1 } } })
    .png()
    .toBuffer();
}

/** True if the image's EXIF block carries a GPS IFD pointer (tag 0x8825, either byte order).
 * Only the EXIF block is searched: two bytes can turn up anywhere in compressed pixel data. */
export async function hasGpsTag(bytes: Buffer): Promise<boolean> {
  const { exif } = await sharp(bytes).metadata();
  if (!exif) return false;
  return exif.includes(Buffer.from([0x25, 0x88])) || exif.includes(Buffer.from([0x88, 0x25]));
}

/** A valid JPEG padded with comment segments to exactly `size` bytes (decoders skip comments). */
export async function jpegOfSize(size: number): Promise<Buffer> {
  const base = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#446688' } })
    .jpeg()
    .toBuffer();
  return padJpeg(base, size);
}

/** `jpeg` padded with comment segments (FF FE, which decoders skip) to exactly `size` bytes. */
export function padJpeg(jpeg: Buffer, size: number): Buffer {
  const segments: Buffer[] = [];
  let remaining = size - jpeg.length;
  while (remaining > 0) {
    // A COM segment: FF FE, a 2-byte length (counting itself), then the payload: 4 to 65,537 bytes.
    let total = Math.min(remaining, 65_537);
    if (remaining - total > 0 && remaining - total < 4) total -= 4; // leave room for a last segment
    const segment = Buffer.alloc(total, 0x20);
    segment[0] = 0xff;
    segment[1] = 0xfe;
    segment.writeUInt16BE(total - 2, 2);
    segments.push(segment);
    remaining -= total;
  }
  const padded = Buffer.concat([jpeg.subarray(0, 2), ...segments, jpeg.subarray(2)]);
  if (padded.length !== size) throw new Error(`padded JPEG is ${padded.length} bytes, wanted ${size}`);
  return padded;
}

/** A tiny real PNG whose header claims width × height (a decompression bomb as far as decoders know). */
export async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const bytes = Buffer.from(
    await sharp({ create: { width: 1, height: 1, channels: 3, background: '#000' } })
      .png()
      .toBuffer(),
  );
  // IHDR data starts at byte 16 (8 signature + 4 length + 4 type); its CRC covers type + data.
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  bytes.writeUInt32BE(crc32(bytes.subarray(12, 29)), 29);
  return bytes;
}

/** A PNG of black and white noise: tiny as a 2-colour PNG, large once re-encoded as WebP (an original
 * that compresses better than the derived images do). Deterministic. */
export async function noisePng(width = 1200, height = 900): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height);
  let state = 12345;
  for (let index = 0; index < pixels.length; index++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    pixels[index] = (state >> 16) & 1 ? 255 : 0;
  }
  return sharp(pixels, { raw: { width, height, channels: 1 } })
    .png({ palette: true, colours: 2, compressionLevel: 9 })
    .toBuffer();
}
