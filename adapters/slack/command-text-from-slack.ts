import { withoutBidiControls } from '../../domain/group-management/normalise-group-name.js';

/**
 * Turns Slack's message encoding back into what the person typed, so commands read the same as
 * in Teams or the web chat. Slack escapes `&`, `<` and `>` as entities and wraps mentions,
 * channels and links in angle brackets (`<@U123|dana>`, `<#C1|general>`, `<mailto:a@b|a@b>`).
 * Mentions of GroupGate itself are dropped: "@GroupGate join Atlas" is the command "join Atlas".
 * Spacing inside is kept, since rule text is parsed (and errors pointed at) as typed; bidi controls
 * are not (they would make a name or reason read in another order than it is stored).
 */
export function commandTextFromSlack(text: string, botUserId?: string): string {
  const decoded = text.replace(/<([^<>]*)>/g, (_match, inner: string) => {
    const [target = '', label] = inner.split('|', 2);
    if (target.startsWith('@')) return target.slice(1) === botUserId ? '' : `@${label ?? target.slice(1)}`;
    if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
    if (target.startsWith('!')) return label ?? `@${target.slice(1).split('^')[0]}`;
    return label ?? target.replace(/^mailto:/, '');
  });
  return withoutBidiControls(decoded.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')).trim();
}
