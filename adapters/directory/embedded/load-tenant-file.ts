import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { tenantFileSchema, type TenantFile } from './tenant-file-schema.js';

/** A tenant file that could not be read or is not valid; the message names the file, the path inside it and the problem. */
export class TenantFileError extends Error {
  override readonly name = 'TenantFileError';
}

/** Reads and validates a tenant file; `hash` identifies its content, to know when to reseed. */
export async function loadTenantFile(path: string): Promise<{ tenant: TenantFile; hash: string }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new TenantFileError(`${path}: cannot read the tenant file (${(cause as NodeJS.ErrnoException).code ?? cause})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new TenantFileError(`${path}: not valid JSON — ${(cause as Error).message}`);
  }
  const parsed = tenantFileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 20).map((issue) => `  ${path}: ${formatPath(issue.path)} — ${issue.message}`);
    const more = parsed.error.issues.length > 20 ? `\n  …and ${parsed.error.issues.length - 20} more` : '';
    throw new TenantFileError(`The tenant file ${path} is not valid:\n${problems.join('\n')}${more}`);
  }
  return { tenant: parsed.data, hash: createHash('sha256').update(text).digest('hex') };
}

/** `['groups', 3, 'owners', 1]` → `groups[3].owners[1]`. */
function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}
