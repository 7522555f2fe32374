import type { DirectoryUser } from '../domain/model/directory-user.js';
import type { Directory } from '../domain/ports/directory.js';
import { bold, message, type CardButton, type Reply } from '../cards/card-view.js';
import { nearestNames } from './nearest-names.js';
import { cleanTypedName } from './resolve-group.js';

/** Either the one person meant, or the reply that asks which (or says nobody matched). */
export type PersonResolution = { readonly person: DirectoryUser } | { readonly reply: Reply };

const fold = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();
const names = (u: DirectoryUser) => [u.displayName, u.mail ?? '', u.userPrincipalName, u.mailNickname ?? ''].map(fold);

/**
 * Finds the person named by display name, mail, user principal name or mail nickname, ignoring
 * case; "me" is the one asking. Several matches give a pick list whose buttons re-run the command
 * (`retry`) with the person's mail or UPN; none gives the nearest names.
 */
export async function resolvePerson(directory: Pick<Directory, 'listUsers'>, asking: DirectoryUser, typed: string, retry: (name: string) => string): Promise<PersonResolution> {
  const wanted = fold(cleanTypedName(typed).replace(/^@/, ''));
  if (wanted === 'me' || wanted === 'myself') return { person: asking };
  const users = await directory.listUsers();
  const exact = users.filter((u) => names(u).includes(wanted));
  if (exact.length === 1) return { person: exact[0]! };
  const partial = exact.length > 1 ? exact : users.filter((u) => wanted.length >= 2 && names(u).some((n) => n.includes(wanted)));
  if (partial.length === 1 && exact.length === 0 && fold(partial[0]!.displayName).split(' ').includes(wanted)) return { person: partial[0]! };
  if (wanted.length > 0 && partial.length > 0) {
    const shown = partial.slice(0, 5);
    const more = partial.length - shown.length;
    return {
      reply: [
        message([[`Several people match "${cleanTypedName(typed)}". Who do you mean?`], ...(more > 0 ? [[`(and ${more} more — type more of the name or their e-mail address)`]] : [])], {
          buttons: shown.map((u) => button(u, retry)),
        }),
      ],
    };
  }
  const nearest = nearestNames(cleanTypedName(typed), users.map((u) => u.displayName));
  const suggestions = nearest.map((name) => users.find((u) => u.displayName === name)!);
  const didYouMean = suggestions.flatMap((u, i) => [...(i === 0 ? [' Did you mean '] : i === suggestions.length - 1 ? [' or '] : [', ']), bold(u.displayName)]);
  return {
    reply: [message([[`I couldn't find anyone called "${cleanTypedName(typed)}".`, ...(suggestions.length ? [...didYouMean, '?'] : [' Try their e-mail address.'])]], { buttons: suggestions.map((u) => button(u, retry)) })],
  };
}

/** A button naming the person unambiguously: by mail (a guest's UPN is unreadable), shown with their job title. */
function button(user: DirectoryUser, retry: (name: string) => string): CardButton {
  return { action: 'run', title: user.jobTitle ? `${user.displayName} (${user.jobTitle})` : user.displayName, command: retry(user.mail ?? user.userPrincipalName) };
}
