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

/**
 * A button. `run` buttons send a command as if the clicker typed it; the others act on a join request.
 * A `run` button with `asksReason` (a join) first asks why, where the card can hold an input (Teams,
 * the web chat): the reason goes with the click and is added to the command.
 */
export type CardButton =
  | { readonly action: 'run'; readonly title: string; readonly command: string; readonly style?: 'primary' | 'danger'; readonly asksReason?: { readonly required: boolean } }
  | { readonly action: 'approve' | 'deny' | 'cancel'; readonly title: string; readonly requestId: string; readonly style?: 'primary' | 'danger'; /** Slack: Approve that opens a box for a note first. */ readonly asksNote?: boolean }
  | { readonly action: 'applyRule' | 'cancelRule'; readonly title: string; readonly proposalId: string; readonly style?: 'primary' | 'danger' }
  | { readonly action: 'confirmChange' | 'cancelChange'; readonly title: string; readonly changeId: string; readonly style?: 'primary' | 'danger' }
  /** Access reviews: one member kept or removed (Remove may ask for an optional reason first), all the rest kept, another page. */
  | { readonly action: 'reviewKeep' | 'reviewRemove'; readonly title: string; readonly reviewId: string; readonly memberId: string; readonly style?: 'primary' | 'danger'; readonly asksReason?: boolean }
  | { readonly action: 'reviewKeepRest'; readonly title: string; readonly reviewId: string; readonly style?: 'primary' | 'danger' }
  | { readonly action: 'reviewPage'; readonly title: string; readonly reviewId: string; readonly page: number; readonly style?: 'primary' | 'danger' };

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
  | { readonly status: 'approved' | 'denied' | 'cancelled' | 'expired'; readonly by?: string; readonly at: string; readonly note?: string }
  /** A card of a stage that is approved while the request waits at a later one: no buttons left on it. */
  | { readonly status: 'movedOn'; readonly stage: number; readonly by: readonly string[]; readonly at: string; readonly next: number; readonly of: number };

/** The approver's card for one join request. */
export interface ApprovalView {
  readonly kind: 'approval';
  readonly requestId: string;
  /** "Join request" or, for a reminder, "Still waiting". */
  readonly heading: string;
  readonly groupName: string;
  readonly requester: { readonly name: string; readonly details: readonly string[] };
  /** `join <group> for <person>`: the manager (or admin) who asked for the requester, by name. */
  readonly askedBy?: string;
  readonly reason?: string;
  /** "Security group · 14 members · asked 2 minutes ago · expires in 7 days". */
  readonly facts: readonly string[];
  /** License impact of approving, for licensing groups. */
  readonly license?: { readonly text: string; readonly tone: Tone };
  /**
   * A time-bound request: the length asked first, then shorter lengths an approver may grant
   * instead (values are ISO 8601, sent back as the click's `duration`).
   */
  readonly duration?: { readonly choices: readonly { readonly value: string; readonly title: string }[] };
  readonly state: ApprovalState;
  /** Where a request of stages or of a quorum stands: "Stage 2 of 2 · 1 of 2 approvals: Ines Duarte". */
  readonly progress?: Line;
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

/** A few names out of many: "Would add: Ada Ito, Ben Ortiz and 27 more". */
export interface NameSample {
  readonly label: string;
  readonly names: readonly string[];
  readonly more: number;
}

/** What a membership rule would do over the whole directory (`preview rule …`). */
export interface RulePreviewView {
  readonly kind: 'rulePreview';
  readonly title: string;
  /** The rule as typed or stored, shown monospaced. */
  readonly rule: string;
  /** "Matches 1,284 of 52,310 users · checked in 38 ms". */
  readonly summary: string;
  /** For a group: "For Sales US: would add 37 · would remove 5 · unchanged 1,247". */
  readonly change?: string;
  readonly samples: readonly NameSample[];
  /** License impact, for groups that assign licenses. */
  readonly license?: { readonly text: string; readonly tone: Tone };
  /** Users the rule can't decide for, paused processing, and the like. */
  readonly notes: readonly Line[];
  readonly warnings: readonly string[];
}

/** Where a rule proposal stands. */
export type RuleProposalState =
  | { readonly status: 'pending' }
  | { readonly status: 'applied' | 'cancelled' | 'stale'; readonly by?: string; readonly at: string; readonly detail?: string };

/** A proposed rule for a dynamic group: its preview, with Apply and Cancel while it is pending. */
export interface RuleProposalView {
  readonly kind: 'ruleProposal';
  /** "Rule proposal P-7F3A · Sales US". */
  readonly title: string;
  readonly proposalId: string;
  readonly groupName: string;
  readonly proposedBy: string;
  /** The group's rule now, which the proposal would replace. */
  readonly currentRule: string | null;
  readonly preview: Omit<RulePreviewView, 'kind'>;
  readonly state: RuleProposalState;
  /** A line above everything, e.g. "Already applied by Ines Duarte at 14:02." on a late click. */
  readonly notice?: Line;
}

/** One clause of an explanation: its result, the clause as written, and what was read, in words. */
export interface RuleClauseLine {
  /** Nesting below the top-level junction, for indentation. */
  readonly depth: number;
  /** null for a junction heading ("Any of these:"). */
  readonly result: true | false | 'undetermined' | null;
  readonly expression: string;
  readonly words: string;
}

/** Why one person is or is not matched by a group's rule (`check <person> against <group>`). */
export interface RuleExplanationView {
  readonly kind: 'ruleExplanation';
  /** "Rowan Pike is not in Research New Zealand". */
  readonly title: string;
  readonly tone: Tone;
  readonly clauses: readonly RuleClauseLine[];
  /** Clauses left out to keep the card short. */
  readonly moreClauses: number;
  /** "All conditions joined by -and must hold." */
  readonly footer: readonly Line[];
}

/** One member on a reviewer's card: who, the facts that make the decision easy, and where they stand. */
export interface ReviewRowView {
  readonly name: string;
  /** "Analyst · Research · NZ", "Guest", "Member for 8 months", "Joined because …, approved by Ines Duarte". */
  readonly facts: readonly string[];
  /** Facts that speak for removing: "No longer matches the suggested rule". */
  readonly flags: readonly string[];
  /** Decided already: "✅ Kept by Ines Duarte", "❌ To remove (Tomas Berg)". */
  readonly state?: { readonly text: string; readonly tone: Tone };
  /** Keep / Remove while the member waits for a decision. */
  readonly buttons: readonly CardButton[];
}

/** A reviewer's card for an access review: the live summary, one page of members, Keep all the rest, paging. */
export interface ReviewView {
  readonly kind: 'review';
  /** "Access review · Atlas Project" (or "Still to review · …" for the reminder). */
  readonly title: string;
  readonly reviewId: string;
  readonly intro: readonly Line[];
  /** "38 of 52 reviewed: 30 kept, 8 to remove, 14 left". */
  readonly summary: { readonly text: string; readonly tone: Tone };
  readonly rows: readonly ReviewRowView[];
  /** "Members 11–20 of 52". */
  readonly pageLine?: string;
  readonly buttons: readonly CardButton[];
  /** A line above everything, e.g. why a click recorded nothing. */
  readonly notice?: Line;
}

/** Everything GroupGate can show. */
export type CardView = MessageView | ApprovalView | ListView | LicenseAlertView | RulePreviewView | RuleProposalView | RuleExplanationView | ReviewView;

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
