import type { DirectoryUser } from '../domain/model/directory-user.js';
import { userId } from '../domain/model/ids.js';
import type { Directory, UserPage } from '../domain/ports/directory.js';
import { bold, message, type CardButton, type Reply } from '../cards/card-view.js';
import { nearestNames } from './nearest-names.js';
import { cleanTypedName } from './resolve-group.js';

/** Either the one person meant, or the reply that asks which (or says nobody matched). */
export type PersonResolution = { readonly person: DirectoryUser } | { readonly reply: Reply };

/**
 * Where people are looked up: the directory's name indexes, or a resident list of users (the rule
 * engine's snapshot, already in memory, where listing costs no store read).
 */
export type PersonLookups = Pick<Directory, 'findUsersByName' | 'searchUsers' | 'userNamesLike' | 'getUser'> | Pick<Directory, 'listUsers'>;

const fold = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();
const names = (u: DirectoryUser) => [u.displayName, u.mail ?? '', u.userPrincipalName, u.mailNickname ?? ''].map(fold);
const shown = 5;
const suggestionCandidates = 500;

/**
 * Finds the person named by display name, mail, user principal name or mail nickname, ignoring
 * case; "me" is the one asking. Several matches give a pick list whose buttons re-run the command
 * (`retry`) with the person's mail or UPN; none gives the nearest names.
 */
export async function resolvePerson(directory: PersonLookups, asking: DirectoryUser, typed: string, retry: (name: string) => string): Promise<PersonResolution> {
  const wanted = fold(cleanTypedName(typed).replace(/^@/, ''));
  if (wanted === 'me' || wanted === 'myself') return { person: asking };
  const lookups = 'findUsersByName' in directory ? directory : listedLookups(await directory.listUsers());
  const exact = wanted ? await lookups.findUsersByName(wanted) : [];
  if (exact.length === 1) return { person: exact[0]! };
  const partial: UserPage = exact.length > 1 ? { users: exact.slice(0, shown), total: exact.length } : wanted.length >= 2 ? await lookups.searchUsers(wanted, shown) : { users: [], total: 0 };
  if (partial.total === 1 && exact.length === 0 && fold(partial.users[0]!.displayName).split(' ').includes(wanted)) return { person: partial.users[0]! };
  if (wanted.length > 0 && partial.total > 0) {
    const more = partial.total - partial.users.length;
    return {
      reply: [
        message([[`Several people match "${cleanTypedName(typed)}". Who do you mean?`], ...(more > 0 ? [[`(and ${more} more — type more of the name or their e-mail address)`]] : [])], {
          buttons: partial.users.map((u) => button(u, retry)),
        }),
      ],
    };
  }
  const candidates = await lookups.userNamesLike(cleanTypedName(typed), suggestionCandidates);
  const nearest = nearestNames(cleanTypedName(typed), candidates.map((u) => u.displayName));
  const found = await Promise.all(nearest.map((name) => lookups.getUser(userId(candidates.find((u) => u.displayName === name)!.id))));
  const suggestions = found.filter((u): u is DirectoryUser => u !== undefined);
  const didYouMean = suggestions.flatMap((u, i) => [...(i === 0 ? [' Did you mean '] : i === suggestions.length - 1 ? [' or '] : [', ']), bold(u.displayName)]);
  return {
    reply: [message([[`I couldn't find anyone called "${cleanTypedName(typed)}".`, ...(suggestions.length ? [...didYouMean, '?'] : [' Try their e-mail address.'])]], { buttons: suggestions.map((u) => button(u, retry)) })],
  };
}

/** The same lookups over users already in memory: today's matching, by substring and over every name. */
function listedLookups(users: readonly DirectoryUser[]): Pick<Directory, 'findUsersByName' | 'searchUsers' | 'userNamesLike' | 'getUser'> {
  return {
    findUsersByName: async (name) => users.filter((u) => names(u).includes(fold(name))),
    searchUsers: async (text, limit) => {
      const matching = users.filter((u) => names(u).some((n) => n.includes(fold(text))));
      return { users: matching.slice(0, limit), total: matching.length };
    },
    userNamesLike: async () => users,
    getUser: async (id) => users.find((u) => u.id === id),
  };
}

/** A button naming the person unambiguously: by mail (a guest's UPN is unreadable), shown with their job title. */
function button(user: DirectoryUser, retry: (name: string) => string): CardButton {
  return { action: 'run', title: user.jobTitle ? `${user.displayName} (${user.jobTitle})` : user.displayName, command: retry(user.mail ?? user.userPrincipalName) };
}
