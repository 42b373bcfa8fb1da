/**
 * Draws the Teams app icons into manifests/teams/ (run: npx tsx scripts/teams-icons.ts; the PNGs are
 * committed): color.png 192×192, full colour; outline.png 32×32, white on transparent, as Teams asks.
 * The picture: three rising bars of a report, and the sound wave of a call.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createCanvas, SKRSContext2D } from '@napi-rs/canvas';

export const TEAMS_MANIFEST_DIR = path.resolve(__dirname, '..', 'manifests', 'teams');
export const ACCENT_COLOR = '#3B5BDB';
export const COLOR_ICON_SIZE = 192;
export const OUTLINE_ICON_SIZE = 32;

function roundedRect(ctx: SKRSContext2D, x: number, y: number, width: number, height: number, radius: number): void {
  ctx.beginPath();
  ctx.moveTo(x + radius, y);
  ctx.arcTo(x + width, y, x + width, y + height, radius);
  ctx.arcTo(x + width, y + height, x, y + height, radius);
  ctx.arcTo(x, y + height, x, y, radius);
  ctx.arcTo(x, y, x + width, y, radius);
  ctx.closePath();
}

/** Bars and a wave on a unit grid of `size`, in `color`. */
function drawGlyph(ctx: SKRSContext2D, size: number, color: string, inset: number): void {
  const unit = (size - 2 * inset) / 16;
  const at = (v: number) => inset + v * unit;
  ctx.fillStyle = color;
  const bars: [number, number][] = [
    [2, 9],
    [6.5, 6],
    [11, 3],
  ];
  for (const [x, top] of bars) {
    roundedRect(ctx, at(x), at(top), 3 * unit, at(14) - at(top), Math.max(0.5, 0.6 * unit));
    ctx.fill();
  }
  ctx.strokeStyle = color;
  ctx.lineWidth = Math.max(1, 1.1 * unit);
  ctx.lineCap = 'round';
  ctx.beginPath();
  ctx.moveTo(at(1), at(15.2));
  ctx.lineTo(at(15), at(15.2));
  ctx.stroke();
}

export function drawColorIcon(): Buffer {
  const size = COLOR_ICON_SIZE;
  const canvas = createCanvas(size, size);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = ACCENT_COLOR;
  roundedRect(ctx, 0, 0, size, size, 36);
  ctx.fill();
  drawGlyph(ctx, size, '#FFFFFF', 36);
  return canvas.toBuffer('image/png');
}

export function drawOutlineIcon(): Buffer {
  const size = OUTLINE_ICON_SIZE;
  const canvas = createCanvas(size, size);
  const ctx = canvas.getContext('2d');
  ctx.clearRect(0, 0, size, size);
  drawGlyph(ctx, size, '#FFFFFF', 2);
  return canvas.toBuffer('image/png');
}

export function writeTeamsIcons(dir = TEAMS_MANIFEST_DIR): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const written = [
    [path.join(dir, 'color.png'), drawColorIcon()],
    [path.join(dir, 'outline.png'), drawOutlineIcon()],
  ] as const;
  for (const [file, png] of written) fs.writeFileSync(file, png);
  return written.map(([file]) => file);
}

if (require.main === module) {
  for (const file of writeTeamsIcons()) process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
}
