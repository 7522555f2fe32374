import type { MountedSurface, SurfaceContext } from '../../bot/surface.js';

/** Mounts the Teams surface; not built yet, so it stays off. */
export async function mountTeams(_context: SurfaceContext): Promise<MountedSurface | undefined> {
  return undefined;
}
