import { maxApprovalStages, type ApproverKind } from '../../domain/join-requests/approval-stage.js';

/** One stage as typed: a kind of approver, or people still to be found by name, and its quorum. */
export interface TypedStage {
  readonly approvers: ApproverKind;
  /** For `people`: each name as typed, with where it is in the text. */
  readonly names?: readonly { readonly name: string; readonly offset: number }[];
  readonly quorum?: number;
}

/** A mistake in what was typed, with where it is (0-based, UTF-16) and how long. */
export interface StagesError {
  readonly message: string;
  readonly offset: number;
  readonly length: number;
}

/** The stages read (when there are no errors) and every mistake found. */
export interface StagesReading {
  readonly stages: readonly TypedStage[];
  readonly errors: readonly StagesError[];
}

const keywords: Record<string, ApproverKind> = { owners: 'owners', owner: 'owners', manager: 'manager', managers: 'manager', admins: 'admins', admin: 'admins', administrators: 'admins' };

/**
 * Reads `manager, owners` or `manager then 2 of Ines Duarte and Tomas Berg and Ada Ito`: stages
 * in order, split by `,`, `;` or `then`; a stage is `owners`, `manager`, `admins` or people joined
 * by `and`, `+` or `&`, optionally after `N of` (its quorum). Never throws: it collects every
 * mistake with its place, as the rule parser does.
 */
export function parseApprovalStages(text: string): StagesReading {
  const errors: StagesError[] = [];
  const stages: TypedStage[] = [];
  const parts = splitWithOffsets(text, /\s*(?:,|;|\bthen\b)\s*/gi);
  if (parts.every((p) => p.text === '')) return { stages: [], errors: [{ message: 'no stages given', offset: 0, length: Math.max(1, text.length) }] };
  for (const part of parts) {
    if (part.text === '') {
      errors.push({ message: 'an empty stage (two separators in a row)', offset: part.offset, length: 1 });
      continue;
    }
    const quorum = /^(\S+)\s+of\s+/i.exec(part.text);
    const rest = quorum ? part.text.slice(quorum[0].length) : part.text;
    const restAt = part.offset + (quorum ? quorum[0].length : 0);
    const n = quorum ? Number(quorum[1]) : undefined;
    if (quorum && (!Number.isInteger(n) || n! < 1 || n! > 50)) errors.push({ message: `"${quorum[1]}" isn't a number of approvals (1 to 50)`, offset: part.offset, length: quorum[1]!.length });
    const keyword = keywords[rest.toLowerCase().replace(/^(?:the\s+|their\s+|the requester'?s\s+|group\s+)/, '')];
    if (keyword) {
      if (keyword === 'manager' && n !== undefined && n > 1) errors.push({ message: 'a requester has one manager, so that stage needs one approval', offset: part.offset, length: quorum![1]!.length });
      stages.push({ approvers: keyword, ...(n !== undefined && Number.isInteger(n) ? { quorum: n } : {}) });
      continue;
    }
    const names = splitWithOffsets(rest, /\s*(?:\band\b|\+|&)\s*/gi).map((p) => ({ name: p.text, offset: restAt + p.offset }));
    for (const empty of names.filter((p) => p.name === '')) errors.push({ message: 'a missing name', offset: empty.offset, length: 1 });
    if (n !== undefined && n > names.length) errors.push({ message: `${n} approvals from ${names.length} ${names.length === 1 ? 'person' : 'people'}`, offset: part.offset, length: part.text.length });
    stages.push({ approvers: 'people', names: names.filter((p) => p.name !== ''), ...(n !== undefined && Number.isInteger(n) ? { quorum: n } : {}) });
  }
  if (stages.length > maxApprovalStages) {
    const extra = parts.filter((p) => p.text !== '')[maxApprovalStages]!;
    errors.push({ message: `at most ${maxApprovalStages} stages`, offset: extra.offset, length: text.length - extra.offset });
  }
  return { stages: errors.length === 0 ? stages : [], errors };
}

/** The pieces of `text` between matches of `separator`, each trimmed, with where it starts. */
function splitWithOffsets(text: string, separator: RegExp): { readonly text: string; readonly offset: number }[] {
  const pieces: { text: string; offset: number }[] = [];
  let start = 0;
  for (const match of text.matchAll(separator)) {
    pieces.push(trimmed(text.slice(start, match.index), start));
    start = match.index + match[0].length;
  }
  pieces.push(trimmed(text.slice(start), start));
  return pieces;
}

const trimmed = (piece: string, offset: number) => ({ text: piece.trim(), offset: offset + (piece.length - piece.trimStart().length) });
