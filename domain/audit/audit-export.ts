import type { AuditEntry } from './audit-entry.js';

/** The columns of a CSV export, in order. */
export const auditCsvColumns = ['at', 'action', 'actorName', 'actorId', 'platform', 'groupName', 'groupId', 'subjectName', 'subjectId', 'requestId', 'details', 'id'] as const;

/** One entry as one JSON line. */
export const auditJsonLine = (entry: AuditEntry): string => JSON.stringify(entry);

/** The CSV header line. */
export const auditCsvHeader = (): string => auditCsvColumns.join(',');

/** One entry as one CSV line (RFC 4180 quoting; details as `key=value; …`). */
export function auditCsvLine(entry: AuditEntry): string {
  return auditCsvColumns
    .map((column) => {
      if (column === 'details') return csvField(Object.entries(entry.details ?? {}).map(([key, value]) => `${key}=${String(value)}`).join('; '));
      const value = entry[column];
      return csvField(value === undefined ? '' : String(value));
    })
    .join(',');
}

// A cell a spreadsheet would run as a formula (=, +, -, @) gets a leading apostrophe (OWASP's CSV injection advice).
function csvField(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
