import { msFromIsoDuration } from '../../domain/group-management/membership-duration.js';
import type { MembershipEnd } from '../../domain/time-bound-membership/membership-end.js';
import { bold, code, message, type Line, type MessageView } from '../../cards/card-view.js';
import { endTime, span } from './time-words.js';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

const counted = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** An ISO 8601 length in words, exactly: "1 day", "8 hours", "90 minutes". */
export function lengthWords(iso: string): string {
  const ms = msFromIsoDuration(iso) ?? 0;
  if (ms % day === 0) return counted(ms / day, 'day');
  if (ms % hour === 0) return counted(ms / hour, 'hour');
  return counted(Math.round(ms / minute), 'minute');
}

/** An ISO 8601 length as people type it after `for`: "8h", "14d", "45m". */
export function typedLength(iso: string): string {
  return typedLengthOf(msFromIsoDuration(iso) ?? 0);
}

/** A length in milliseconds as people type it after `for` (whole minutes): "8h", "14d", "45m". */
export function typedLengthOf(ms: number): string {
  if (ms % day === 0) return `${ms / day}d`;
  if (ms % hour === 0) return `${ms / hour}h`;
  return `${Math.round(ms / minute)}m`;
}

/** The commands behind Extend and I'm done; the clicker is who the platform says, so they act on themselves. */
export const extendCommand = (groupName: string, duration: string) => `join ${groupName} for ${typedLength(duration)}`;
export const leaveNowCommand = (groupName: string) => `leave ${groupName}`;

/** The reminder before a time-bound membership ends: Extend asks again for the same length; I'm done leaves now. */
export function membershipEndingMessage(groupName: string, membership: MembershipEnd, now: Date): MessageView {
  return message(
    [
      ['Your membership of ', bold(groupName), ` ends ${endTime(membership.endsAt, now)}, ${span(Date.parse(membership.endsAt) - now.getTime())} from now.`],
      [`Need longer? Extend asks for another ${lengthWords(membership.duration)}. Finished already? I'm done removes you now.`],
    ],
    {
      title: 'Your access ends soon',
      buttons: [
        { action: 'run', title: `Extend by ${lengthWords(membership.duration)}`, command: extendCommand(groupName, membership.duration), style: 'primary' },
        { action: 'run', title: "I'm done", command: leaveNowCommand(groupName) },
      ],
    },
  );
}

/** What a member is told once their time-bound membership ended and they were removed. */
export function membershipEndedMessage(groupName: string, membership: MembershipEnd): MessageView {
  return message(
    [
      ['Your ', lengthWords(membership.duration), ' in ', bold(groupName), ' ended, so I removed you from it as planned.'],
      ['Need it again? ', code(extendCommand(groupName, membership.duration))],
    ],
    { buttons: [{ action: 'run', title: 'Ask again', command: extendCommand(groupName, membership.duration) }] },
  );
}

/** " until Tuesday 17:00 UTC (8 hours)" for a reply or an approval message. */
export function untilLine(endsAt: string, duration: string, now: Date, asked?: string): string {
  const shortened = asked && asked !== duration ? `; you asked for ${lengthWords(asked)}` : '';
  return ` until ${endTime(endsAt, now)} (${lengthWords(duration)}${shortened})`;
}

/** Why a time-bound request was too long or too short, and what to ask instead. */
export function durationRefusalLine(groupName: string, refusal: { readonly reason: 'durationTooLong'; readonly maximum: string } | { readonly reason: 'durationTooShort'; readonly minimum: string }): Line[] {
  if (refusal.reason === 'durationTooShort') return [[`A time-bound membership lasts at least ${lengthWords(refusal.minimum)}.`]];
  return [
    [bold(groupName), ` lets members stay at most ${lengthWords(refusal.maximum)} (${refusal.maximum}), so I haven't asked.`],
    ['Ask for that or less: ', code(`join ${groupName} for ${typedLength(refusal.maximum)}`), '.'],
  ];
}
