import type { Line, Span, Tone } from './card-view.js';

/**
 * Spans become Adaptive Card TextRuns and Slack rich-text elements: neither platform parses
 * markdown inside them, so a name or reason like "*urgent* <!channel>" shows exactly as typed.
 */

/** How a run of Adaptive Card text looks. */
interface RunStyle {
  readonly size?: 'Medium' | 'Large';
  readonly tone?: Tone;
  readonly bold?: boolean;
  readonly subtle?: boolean;
}

/** One line as an Adaptive Card RichTextBlock. */
export function adaptiveRichText(line: Line, options: RunStyle = {}) {
  return {
    type: 'RichTextBlock',
    inlines: line.map((span) => adaptiveRun(span, options)),
  };
}

/**
 * A card's title, or a plain note under it, as a RichTextBlock rather than a TextBlock: Teams
 * renders markdown in a TextBlock, so a group named "[Reset your password](https://evil.example)"
 * would show as a link there. A TextRun shows it exactly as typed.
 */
export const adaptiveHeading = (text: string, tone: Tone = 'default') => adaptiveRichText([text], { size: 'Medium', bold: true, tone });

/** A small, subtle line of plain text (facts, "and 12 more", times), as a RichTextBlock. */
export const adaptiveSubtle = (text: string) => ({ ...adaptiveRichText([text], { subtle: true }), spacing: 'Small' });

function adaptiveRun(span: Span, options: RunStyle) {
  const base = {
    type: 'TextRun',
    ...(options.size ? { size: options.size } : {}),
    ...(options.tone && options.tone !== 'default' ? { color: adaptiveColor[options.tone] } : {}),
    ...(options.bold ? { weight: 'Bolder' } : {}),
    ...(options.subtle ? { isSubtle: true } : {}),
  };
  if (typeof span === 'string') return { ...base, text: span };
  if ('bold' in span) return { ...base, text: span.bold, weight: 'Bolder' };
  if ('italic' in span) return { ...base, text: span.italic, italic: true };
  return { ...base, text: span.code, fontType: 'Monospace' };
}

export const adaptiveColor: Record<Exclude<Tone, 'default'>, string> = { good: 'Good', warning: 'Warning', attention: 'Attention' };

/** One line as the elements of a Slack rich_text_section. */
export function slackRichElements(line: Line) {
  return line
    .filter((span) => spanText(span) !== '')
    .map((span) => {
      if (typeof span === 'string') return { type: 'text', text: span };
      if ('bold' in span) return { type: 'text', text: span.bold, style: { bold: true } };
      if ('italic' in span) return { type: 'text', text: span.italic, style: { italic: true } };
      return { type: 'text', text: span.code, style: { code: true } };
    });
}

/** Several lines as one Slack rich_text block (one section per line). */
export function slackRichText(lines: readonly Line[]) {
  const sections = lines.map((line, i) => ({
    type: 'rich_text_section',
    elements: [...slackRichElements(line), ...(i < lines.length - 1 ? [{ type: 'text', text: '\n' }] : [])],
  }));
  return { type: 'rich_text', elements: sections.filter((s) => s.elements.length > 0) };
}

/** Escapes text for places where Slack reads mrkdwn (notification fallbacks): no mention, link or markup gets through. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The text of a span. */
export const spanText = (span: Span): string =>
  typeof span === 'string' ? span : 'bold' in span ? span.bold : 'italic' in span ? span.italic : span.code;

/** Cuts text to a platform limit, marking the cut. */
export const clip = (text: string, limit: number) => (text.length <= limit ? text : `${text.slice(0, limit - 1)}…`);
