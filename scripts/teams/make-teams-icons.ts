/**
 * Draws GroupGate's Teams icons (a gate: two posts, two rails, a brace) and writes them next to
 * the manifest: color.png (192×192, white gate on the accent colour) and outline.png (32×32,
 * white on transparent, as Teams requires). Run: npx tsx scripts/teams/make-teams-icons.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

const manifestDir = fileURLToPath(new URL('../../manifest/teams/', import.meta.url));
/** The manifest's accentColor, #4464EE. */
const accent = [0x44, 0x64, 0xee] as const;

type Shape = (x: number, y: number) => boolean;
const rect = (x0: number, y0: number, x1: number, y1: number): Shape => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
/** A line of width `w` from (ax, ay) to (bx, by), with square ends. */
const bar = (ax: number, ay: number, bx: number, by: number, w: number): Shape => (x, y) => {
  const [dx, dy] = [bx - ax, by - ay];
  const t = ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy);
  if (t < 0 || t > 1) return false;
  return Math.hypot(ax + t * dx - x, ay + t * dy - y) <= w / 2;
};

/** The gate on a 32-unit grid. */
const gate: readonly Shape[] = [
  rect(5, 5, 9, 27), // left post
  rect(23, 5, 27, 27), // right post
  rect(9, 10, 23, 12), // top rail
  rect(9, 20, 23, 22), // bottom rail
  bar(9, 21, 23, 11, 2.5), // brace
];

/** Share of a pixel the gate covers, from 4×4 samples (anti-aliased edges). */
function coverage(px: number, py: number, scale: number, offset: number): number {
  let hits = 0;
  for (let sy = 0; sy < 4; sy++) {
    for (let sx = 0; sx < 4; sx++) {
      const x = (px + (sx + 0.5) / 4 - offset) / scale;
      const y = (py + (sy + 0.5) / 4 - offset) / scale;
      if (gate.some((inside) => inside(x, y))) hits++;
    }
  }
  return hits / 16;
}

function draw(size: number, scale: number, background?: readonly [number, number, number]): Buffer {
  const png = new PNG({ width: size, height: size });
  const offset = (size - 32 * scale) / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const c = coverage(x, y, scale, offset);
      const i = (y * size + x) * 4;
      if (background) {
        // White gate blended over the opaque accent colour.
        for (let k = 0; k < 3; k++) png.data[i + k] = Math.round(background[k]! * (1 - c) + 255 * c);
        png.data[i + 3] = 255;
      } else {
        // Outline icons are white with transparency only.
        png.data.fill(255, i, i + 3);
        png.data[i + 3] = Math.round(255 * c);
      }
    }
  }
  return PNG.sync.write(png);
}

writeFileSync(`${manifestDir}color.png`, draw(192, 3.5, accent));
writeFileSync(`${manifestDir}outline.png`, draw(32, 1));
console.log(`wrote ${manifestDir}color.png and outline.png`);
