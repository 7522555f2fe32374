import type { MountedSurface, SurfaceContext } from '../../bot/surface.js';

/** Mounts the Slack surface; not built yet, so it stays off. */
export async function mountSlack(_context: SurfaceContext): Promise<MountedSurface | undefined> {
  return undefined;
}
