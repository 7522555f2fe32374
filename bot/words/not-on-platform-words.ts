import type { Platform } from '../../domain/join-requests/join-request.js';
import type { Line } from '../../cards/card-view.js';
import { andList } from './names.js';

/**
 * What a requester is told about approvers whose card went to another platform but not to the one
 * the request came from, so nobody expects it to be waiting for them there: "Ines Duarte hasn't
 * installed GroupGate in Teams yet; they'll get your request in Teams as soon as they do."
 */
export function notOnPlatformLine(names: readonly string[], platform: Platform): Line {
  const one = names.length === 1;
  const [hasnt, isnt] = one ? ["hasn't", "isn't"] : ["haven't", "aren't"];
  const who = andList(names);
  switch (platform) {
    case 'teams':
      return [`${who} ${hasnt} installed GroupGate in Teams yet; they'll get your request in Teams as soon as they do.`];
    case 'slack':
      return [`${who} ${isnt} using GroupGate in Slack yet; they'll get your request in Slack as soon as they do.`];
    case 'web':
      return [`${who} ${hasnt} opened the web chat yet; they'll get your request there as soon as they do.`];
  }
}
