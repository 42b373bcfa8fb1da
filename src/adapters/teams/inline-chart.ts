import { createCanvas, loadImage } from '@napi-rs/canvas';

/** JPEG quality when a chart's PNG is too heavy to travel inside a card (charts have a white background). */
export const INLINE_JPEG_QUALITY = 70;

/**
 * A locally drawn chart as a data: URI that fits `budgetChars`: the PNG itself when it does, else the
 * same picture as a JPEG (a third to half the bytes). Whatever still does not fit, the card renderer
 * replaces by its alt text, biggest first.
 */
export async function inlineChartUri(png: Buffer, budgetChars: number): Promise<string> {
  const pngUri = `data:image/png;base64,${png.toString('base64')}`;
  if (pngUri.length <= budgetChars) return pngUri;
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  canvas.getContext('2d').drawImage(image, 0, 0);
  const jpeg = await canvas.encode('jpeg', INLINE_JPEG_QUALITY);
  const jpegUri = `data:image/jpeg;base64,${jpeg.toString('base64')}`;
  return jpegUri.length < pngUri.length ? jpegUri : pngUri;
}
