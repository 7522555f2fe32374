/**
 * View models: what a card says, free of any platform. bot/ builds them; the renderers in this
 * folder turn each into an Adaptive Card (Teams, web chat) and Block Kit (Slack). Text from people
 * (names, reasons, group names) travels as plain strings inside spans and is escaped by the renderers.
 */

/** A piece of text with at most one emphasis. */
export type Span = string | { readonly bold: string } | { readonly italic: string } | { readonly code: string };

/** One paragraph made of spans. */
export type Line = readonly Span[];

/** How a card or line should look. */
export type Tone = 'default' | 'good' | 'warning' | 'attention';

/** A button. `run` buttons send a command as if the clicker typed it; the others act on a join request. */
export type CardButton =
  | { readonly action: 'run'; readonly title: string; readonly command: string; readonly style?: 'primary' | 'danger' }
  | { readonly action: 'approve' | 'deny' | 'cancel'; readonly title: string; readonly requestId: string; readonly style?: 'primary' | 'danger' };

/** A reply or notice in words, with optional buttons. */
export interface MessageView {
  readonly kind: 'message';
  readonly title?: string;
  readonly tone?: Tone;
  readonly lines: readonly Line[];
  /** Monospaced block shown as-is (a rule with a caret under the error). */
  readonly preformatted?: string;
  readonly buttons?: readonly CardButton[];
}

/** Where a join request stands, as an approver's card shows it. */
export type ApprovalState =
  | { readonly status: 'pending' }
  | { readonly status: 'approved' | 'denied' | 'cancelled' | 'expired'; readonly by?: string; readonly at: string; readonly note?: string };

/** The approver's card for one join request. */
export interface ApprovalView {
  readonly kind: 'approval';
  readonly requestId: string;
  /** "Join request" or, for a reminder, "Still waiting". */
  readonly heading: string;
  readonly groupName: string;
  readonly requester: { readonly name: string; readonly details: readonly string[] };
  readonly reason?: string;
  /** "Security group · 14 members · asked 2 minutes ago · expires in 7 days". */
  readonly facts: readonly string[];
  /** License impact of approving, for licensing groups. */
  readonly license?: { readonly text: string; readonly tone: Tone };
  readonly state: ApprovalState;
  /** A line shown above everything, e.g. "Already approved by Tomas Berg at 13:58." on a stale click. */
  readonly notice?: Line;
}

/** A table of rows with a title (group lists, request lists, licenses). */
export interface ListView {
  readonly kind: 'list';
  readonly title: string;
  readonly intro?: readonly Line[];
  readonly rows: readonly ListRow[];
  /** "and 12 more". */
  readonly more?: string;
  readonly footer?: readonly Line[];
}

/** One row of a list: a headline, a detail line, and buttons. */
export interface ListRow {
  readonly title: Line;
  readonly detail?: Line;
  readonly buttons?: readonly CardButton[];
}

/** An alert to admins about one SKU's seats: a shortfall starting, growing, lasting or resolved, or seats running low. */
export interface LicenseAlertView {
  readonly kind: 'licenseAlert';
  /** What and which SKU: "⚠ License shortfall · Microsoft 365 E5 (SPE_E5)". */
  readonly title: string;
  readonly tone: Tone;
  /** What happened, in a sentence. */
  readonly summary: Line;
  readonly seats: { readonly total: number; readonly used: number; readonly free: number; readonly waiting: number };
  /** Licensing groups with members waiting. */
  readonly groups: readonly { readonly name: string; readonly waiting: number }[];
  /** The first few members waiting, and how many more. */
  readonly affected: readonly string[];
  readonly moreAffected: number;
  /** "Since 14:05 UTC". */
  readonly since?: string;
  readonly buttons: readonly CardButton[];
}

/** Everything GroupGate can show. */
export type CardView = MessageView | ApprovalView | ListView | LicenseAlertView;

/** A reply: one or more cards, in order. */
export type Reply = readonly CardView[];

/** Builds a message card. */
export const message = (lines: readonly Line[], extra: Omit<MessageView, 'kind' | 'lines'> = {}): MessageView => ({
  kind: 'message',
  lines,
  ...extra,
});

/** Bold span. */
export const bold = (text: string): Span => ({ bold: text });
/** Italic span. */
export const italic = (text: string): Span => ({ italic: text });
/** Code span. */
export const code = (text: string): Span => ({ code: text });

/** The plain text of a line, for notification fallbacks and logs. */
export const plainText = (line: Line): string =>
  line.map((span) => (typeof span === 'string' ? span : 'bold' in span ? span.bold : 'italic' in span ? span.italic : span.code)).join('');
