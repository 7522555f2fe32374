import { adaptiveCard, type SlackMessage } from './adaptive-card.js';
import { adaptiveActionSet, slackActions } from './card-buttons.js';
import { plainText, type LicenseAlertView, type Line } from './card-view.js';
import { adaptiveHeading, adaptiveRichText, adaptiveSubtle, clip, escapeMrkdwn, slackRichText } from './rich-text.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** The lines under the title: what happened, the seats, the groups and the people waiting. */
function details(view: LicenseAlertView): Line[] {
  const { total, used, free, waiting } = view.seats;
  const seats = `${plural(total, 'seat')} · ${used.toLocaleString('en-US')} used · ${free.toLocaleString('en-US')} free${waiting > 0 ? ` · ${plural(waiting, 'member')} waiting` : ''}`;
  const groups = view.groups.map((g) => `${g.name} (${g.waiting.toLocaleString('en-US')} waiting)`).join(', ');
  const more = view.moreAffected > 0 ? ` and ${view.moreAffected.toLocaleString('en-US')} more` : '';
  return [
    view.summary,
    [seats],
    ...(groups ? [[{ bold: 'Groups: ' }, groups]] : []),
    ...(view.affected.length > 0 ? [[{ bold: 'Waiting: ' }, `${view.affected.join(', ')}${more}`]] : []),
  ];
}

/** A license alert as an Adaptive Card (Teams, web chat). */
export function licenseAlertCard(view: LicenseAlertView) {
  return adaptiveCard([
    adaptiveHeading(view.title, view.tone),
    ...details(view).map((line) => ({ ...adaptiveRichText(line), spacing: 'Small' })),
    ...(view.since ? [adaptiveSubtle(view.since)] : []),
    ...adaptiveActionSet(view.buttons),
  ]);
}

/** A license alert as Slack Block Kit; the fallback text is what a notification shows. */
export function licenseAlertBlocks(view: LicenseAlertView): SlackMessage {
  const blocks = [
    { type: 'header', text: { type: 'plain_text', text: clip(view.title, 150), emoji: true } },
    slackRichText(details(view)),
    ...(view.since ? [{ type: 'context', elements: [{ type: 'plain_text', text: clip(view.since, 2000), emoji: true }] }] : []),
    ...slackActions(view.buttons, 'license-alert'),
  ];
  return { text: escapeMrkdwn(clip(`${view.title}: ${plainText(view.summary)}`, 3000)), blocks };
}
