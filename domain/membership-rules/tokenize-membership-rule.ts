import { ProblemLog } from './problem-log.js';

/** The kinds of token a rule is made of. */
export type TokenKind = 'word' | 'string' | 'open' | 'close' | 'listOpen' | 'listClose' | 'comma';

/** One token: for a string, `text` is the unescaped value and the span includes the quotes. */
export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly offset: number;
  readonly length: number;
  readonly quote?: 'double' | 'single';
}

const punctuation: Readonly<Record<string, TokenKind>> = { '(': 'open', ')': 'close', '[': 'listOpen', ']': 'listClose', ',': 'comma' };
// Word processors turn hyphens into dashes and quotes into curly ones; Microsoft's own pages do too (spec §16.14).
const typographicDashes = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/;
const curlyDoubleQuotes = '\u201C\u201D\u201E\u201F\u00AB\u00BB\uFF02';
const curlySingleQuotes = '\u2018\u2019\u201A\u201B\uFF07';
const whitespace = /\s/;

/** Splits rule text into tokens, recording problems in `log` instead of throwing. */
export function tokenizeMembershipRule(text: string, log: ProblemLog = new ProblemLog()): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (whitespace.test(c)) {
      i++;
    } else if (punctuation[c]) {
      tokens.push({ kind: punctuation[c]!, text: c, offset: i, length: 1 });
      i++;
    } else if (c === '"' || curlyDoubleQuotes.includes(c)) {
      i = readString(text, i, 'double', tokens, log);
    } else if (c === "'" || curlySingleQuotes.includes(c)) {
      i = readString(text, i, 'single', tokens, log);
    } else {
      i = readWord(text, i, tokens, log);
    }
  }
  return tokens;
}

function readWord(text: string, start: number, tokens: Token[], log: ProblemLog): number {
  let i = start;
  let word = '';
  while (i < text.length && !endsWord(text[i]!)) {
    const c = text[i]!;
    if (typographicDashes.test(c)) {
      log.error('typographicCharacter', `${c} is a typographic dash; retype it as a plain hyphen (-)`, { offset: i, length: 1 });
      word += '-';
    } else {
      word += c;
    }
    i++;
  }
  tokens.push({ kind: 'word', text: word, offset: start, length: i - start });
  return i;
}

function endsWord(c: string): boolean {
  return whitespace.test(c) || punctuation[c] !== undefined || c === '"' || c === "'" ||
    curlyDoubleQuotes.includes(c) || curlySingleQuotes.includes(c);
}

function readString(text: string, start: number, quote: 'double' | 'single', tokens: Token[], log: ProblemLog): number {
  const straight = quote === 'double' ? '"' : "'";
  const curly = quote === 'double' ? curlyDoubleQuotes : curlySingleQuotes;
  const opener = text[start]!;
  // A string opened with a curly quote may close with any quote of its kind; a straight one only with itself.
  const closes = (c: string): boolean => c === straight || (opener !== straight && curly.includes(c));
  reportCurly(opener, straight, start, log);
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (quote === 'double' && c === '`' && text[i + 1] === '"') {
      value += '"';
      i += 2;
    } else if (c === "'" && text[i + 1] === "'") {
      value += "'";
      i += 2;
    } else if (closes(c)) {
      reportCurly(c, straight, i, log);
      tokens.push({ kind: 'string', text: value, offset: start, length: i + 1 - start, quote });
      return i + 1;
    } else {
      if (c === "'") {
        log.warn('loneSingleQuote', "a single ' inside a value behaves inconsistently in Entra ID; write it twice ('')", { offset: i, length: 1 });
      }
      value += c;
      i++;
    }
  }
  log.error('unterminatedString', `this value has no closing ${straight}`, { offset: start, length: text.length - start });
  tokens.push({ kind: 'string', text: value, offset: start, length: text.length - start, quote });
  return text.length;
}

function reportCurly(c: string, straight: string, offset: number, log: ProblemLog): void {
  if (c !== straight) log.error('typographicCharacter', `${c} is a typographic quote; retype it as a straight quote (${straight})`, { offset, length: 1 });
}
