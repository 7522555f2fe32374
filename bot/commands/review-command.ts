import { reviewKeys, type AccessReview } from '../../domain/access-reviews/access-review.js';
import type { ReviewerChoice } from '../../domain/access-reviews/access-review.js';
import { cardHolders } from '../../domain/access-reviews/review-routing.js';
import type { UserId } from '../../domain/model/ids.js';
import { setReviewSchedule } from '../../domain/access-reviews/set-review-schedule.js';
import { startAccessReview, type ReviewOptions } from '../../domain/access-reviews/start-access-review.js';
import { summarizeReview } from '../../domain/access-reviews/summarize-review.js';
import { assignsLicenses, type DirectoryGroup } from '../../domain/model/directory-group.js';
import { isGroupAdmin } from '../../domain/model/directory-user.js';
import { bold, code, message, type Line, type MessageView, type Reply } from '../../cards/card-view.js';
import { defaultReviewDays, parseReviewCommand, type ReviewersTyped } from '../access-reviews/parse-review-options.js';
import { reviewPorts } from '../access-reviews/review-ports.js';
import type { GroupGate } from '../group-gate.js';
import { resolveGroup } from '../resolve-group.js';
import { resolvePerson } from '../resolve-person.js';
import type { Turn } from '../turn.js';
import { andList, displayNames } from '../words/names.js';
import { reviewStartRefusalWords, summaryWords, unansweredWords } from '../words/review-words.js';
import { endTime } from '../words/time-words.js';
import { defineCommand } from './command-spec.js';

/** `review <group>`: owners recertify their group's members, now or on a schedule; `review status <group>` says where it stands. */
export const reviewCommand = defineCommand({
  name: 'review',
  usage: 'review <group> [every 90d] [by managers|members|<people>] | review status <group>',
  description: "Ask a group's owners (or managers, named people, the members) who still needs it",
  audience: 'owners',
  parse: parseReviewCommand,
  run: async (gate, turn, command) => {
    if (command.kind === 'status') {
      const found = await resolveGroup(gate.directory, command.group, (name) => `review status ${name}`);
      return 'reply' in found ? found.reply : [await reviewStatus(gate, turn, found.group)];
    }
    const target = command.kind === 'allLicensing' ? 'all licensing groups' : command.group;
    const reviewers = await resolveReviewers(gate, turn, command.by, (names) => `review ${target} by ${names}${optionsText(command.options)}`);
    if ('reply' in reviewers) return reviewers.reply;
    const options = { ...command.options, reviewers: reviewers.choice };
    if (command.kind === 'allLicensing') return reviewAllLicensing(gate, turn, options);
    const found = await resolveGroup(gate.directory, command.group, (name) => `review ${name}`);
    if ('reply' in found) return found.reply;
    return [await startReview(gate, turn, found.group, options)];
  },
});

/** Who reviews, from what was typed: named people looked up one by one (a pick list when a name is unclear). */
async function resolveReviewers(gate: GroupGate, turn: Turn, typed: ReviewersTyped | undefined, retry: (names: string) => string): Promise<{ readonly choice: ReviewerChoice } | { readonly reply: Reply }> {
  if (!typed) return { choice: { kind: 'owners' } };
  if (typed.kind !== 'people') return { choice: { kind: typed.kind } };
  const people: UserId[] = [];
  for (const name of typed.names) {
    const found = await resolvePerson(gate.directory, turn.actor, name, (exact) => retry(typed.names.map((n) => (n === name ? exact : n)).join(' and ')));
    if ('reply' in found) return found;
    people.push(found.person.id);
  }
  return { choice: { kind: 'people', people: [...new Set(people)] } };
}

async function startReview(gate: GroupGate, turn: Turn, group: DirectoryGroup, options: ReviewOptions): Promise<MessageView> {
  const now = gate.clock.now();
  const started = await startAccessReview(reviewPorts(gate), turn.actor, group, options, turn.platform);
  if (!started.ok) return reviewStartRefusalWords(started.error, group, now);
  const review = started.value;
  if (options.everyDays) await setReviewSchedule(gate.store, group.id, turn.actor.id, { ...options, everyDays: options.everyDays }, now);
  return message([
    ['Started an access review of ', bold(group.displayName), ` (${review.id}): ${review.members.length} member${review.members.length === 1 ? '' : 's'} to review by ${endTime(review.endsAt, now)}.`],
    [`${await whoGotCards(gate, review)} ${unansweredWords(review.unanswered)}`],
    ...(options.everyDays ? [[`A new review starts every ${options.everyDays} days.`]] : []),
    ['Type ', code(`review status ${group.displayName}`), ' to see where it stands.'],
  ], { tone: 'good' });
}

/** The options as typed, for a pick list's buttons to run the command again. */
function optionsText(options: ReviewOptions): string {
  return [
    options.days !== defaultReviewDays ? ` for ${options.days}d` : '',
    options.everyDays ? ` every ${options.everyDays}d` : '',
    options.unanswered === 'keep' ? '' : ` unanswered ${options.unanswered === 'tellAdmins' ? 'tell admins' : 'remove'}`,
    options.removals === 'atOnce' ? ' remove at once' : '',
  ].join('');
}

// Named in the start reply; beyond, a count (a review by managers may reach hundreds).
const namedReviewers = 5;

/** "Ines Duarte and Tomas Berg got the card …", or for self-attestation, that each member was asked. */
async function whoGotCards(gate: GroupGate, review: AccessReview): Promise<string> {
  if (review.reviewers?.kind === 'members') return `Each member was asked "Do you still need it?" with Keep me and Remove me.`;
  const holders = cardHolders(review);
  if (holders.length === 0) return 'Nobody could get the card: the group has no owners and there are no admins.';
  const names = await displayNames(gate.directory, holders.slice(0, namedReviewers));
  const who = holders.length > namedReviewers ? `${names.join(', ')} and ${holders.length - namedReviewers} more reviewers` : andList(names);
  return `${who} got the card with Keep and Remove for each member they review (nobody reviews their own membership).`;
}

/** Where a group's latest review stands, for its owners and admins. */
async function reviewStatus(gate: GroupGate, turn: Turn, group: DirectoryGroup): Promise<MessageView> {
  const owners = await gate.directory.listOwners(group.id);
  if (!owners.includes(turn.actor.id) && !isGroupAdmin(turn.actor)) return reviewStartRefusalWords({ reason: 'notAnOwner' }, group, gate.clock.now());
  const latest = await gate.store.get<string>(reviewKeys.latest(group.id));
  const review = latest ? await gate.store.get<AccessReview>(reviewKeys.one(latest)) : undefined;
  if (!review) return message([['No access review of ', bold(group.displayName), ' has run yet. Type ', code(`review ${group.displayName}`), ' to start one.']]);
  const now = gate.clock.now();
  const summary = summarizeReview(review);
  const lines: Line[] = [
    [bold(summaryWords(summary, review).text)],
    [review.status === 'open' ? `Ends ${endTime(review.endsAt, now)}. ${unansweredWords(review.unanswered)}` : `Started ${review.startedAt.slice(0, 10)}, ended ${(review.closedAt ?? review.endsAt).slice(0, 10)}.`],
  ];
  return message(lines, { title: `Access review ${review.id} · ${group.displayName}` });
}

/** Admins: a review of every licensing group now and on a beat (seats spent on people who no longer need them). */
async function reviewAllLicensing(gate: GroupGate, turn: Turn, options: ReviewOptions): Promise<Reply> {
  if (!isGroupAdmin(turn.actor)) return [message([['Only Groups or Global Administrators can review every licensing group at once.']], { tone: 'attention' })];
  if (!options.everyDays) return [message([['Say how often: ', code('review all licensing groups every 365d'), '.']])];
  // An admin's rare command: a listing of groups is what it needs (no licensing-group index exists).
  const groups = (await gate.directory.listGroups()).filter(assignsLicenses);
  const now = gate.clock.now();
  const started: string[] = [];
  const skipped: string[] = [];
  for (const group of groups) {
    const outcome = await startAccessReview(reviewPorts(gate), turn.actor, group, options, turn.platform);
    if (outcome.ok) {
      await setReviewSchedule(gate.store, group.id, turn.actor.id, { ...options, everyDays: options.everyDays }, now);
      started.push(group.displayName);
    } else skipped.push(`${group.displayName} (${outcome.error.reason === 'dynamicGroup' ? 'its rule decides' : outcome.error.reason === 'alreadyRunning' ? 'a review runs' : 'not reviewable'})`);
  }
  return [message([
    [`Started access reviews of ${started.length} licensing group${started.length === 1 ? '' : 's'}, repeated every ${options.everyDays} days: ${started.join(', ') || 'none'}.`],
    ...(skipped.length > 0 ? [[`Not reviewed: ${skipped.join(', ')}.`]] : []),
  ], { tone: started.length > 0 ? 'good' : 'default' })];
}
