/** Graph's limit on a mail nickname. */
const maxLength = 64;

/**
 * A mail nickname for a new group: its name in the characters Graph allows everywhere (ASCII
 * letters, digits, `-` and `_`; accents dropped), at most 64 long, numbered when another group
 * (any case) already has it — Microsoft 365 groups need one unique in the tenant.
 */
export function mailNicknameFor(displayName: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((nickname) => nickname.toLowerCase()));
  const base = trimDashes(
    displayName
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, '-')
      .replace(/-{2,}/g, '-'),
  );
  const stem = trimDashes(base.slice(0, maxLength - 4)) || 'group';
  if (!used.has(stem)) return stem;
  for (let n = 2; ; n++) {
    const candidate = `${stem}-${n}`;
    if (!used.has(candidate)) return candidate;
  }
}

const trimDashes = (text: string) => text.replace(/^-+|-+$/g, '');
