import type { GroupSettings } from '../../domain/join-requests/join-policy.js';
import { msFromIsoDuration } from '../../domain/group-management/membership-duration.js';
import { code, type Line } from '../../cards/card-view.js';
import { span } from '../words/time-words.js';

/** The settings besides the join policy, for `policy <group>`: whether a reason is required, and the longest stay. */
export function otherSettingsLines(groupName: string, settings: GroupSettings): Line[] {
  const ms = settings.maxMembershipDuration ? msFromIsoDuration(settings.maxMembershipDuration) : undefined;
  return [
    [settings.reasonRequired ? 'People must say why they want to join' : 'A reason is optional', ' (', code(`require reason ${groupName} ${settings.reasonRequired ? 'off' : 'on'}`), ').'],
    [ms ? `Members stay at most ${span(ms)}` : 'No limit on how long members stay', ' (', code(`max duration ${groupName} ${ms ? 'off' : '90d'}`), ').'],
  ];
}
