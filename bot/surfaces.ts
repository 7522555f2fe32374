import { mountSlack } from '../adapters/slack/mount-slack.js';
import { mountTeams } from '../adapters/teams/mount-teams.js';
import { mountWeb } from '../adapters/web/mount-web.js';
import type { MountedSurface, MountSurface, SurfaceContext } from './surface.js';

/** Every chat surface GroupGate has; each decides from configuration whether it is on. */
const surfaces: readonly MountSurface[] = [mountTeams, mountSlack, mountWeb];

/** Mounts every surface that configuration turns on. */
export async function mountSurfaces(context: SurfaceContext): Promise<MountedSurface[]> {
  const mounted: MountedSurface[] = [];
  for (const mount of surfaces) {
    const surface = await mount(context);
    if (surface) mounted.push(surface);
  }
  return mounted;
}
