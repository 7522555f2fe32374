import type { MountedSurface, SurfaceContext } from '../../bot/surface.js';

/** Mounts the Web surface; not built yet, so it stays off. */
export async function mountWeb(_context: SurfaceContext): Promise<MountedSurface | undefined> {
  return undefined;
}
