import type { AuditEntry, AuditRecord } from './audit-entry.js';

/** Which entries to read: one group's, one person's (as actor or subject), or all; newest first. */
export interface AuditQuery {
  readonly groupId?: string;
  readonly personId?: string;
  /** Only entries at or after this ISO time. */
  readonly since?: string;
  /** Skip this many of the newest matching entries (paging). */
  readonly offset?: number;
  /** At most this many entries; all when absent. */
  readonly limit?: number;
  /** Keep only entries this returns true for (applied before paging, so counts stay right). */
  readonly where?: (entry: AuditEntry) => boolean;
}

/** A page of entries and how many matched in all. */
export interface AuditPage {
  readonly entries: readonly AuditEntry[];
  readonly total: number;
}

/**
 * The append-only audit trail: every request, decision, membership change, policy change, rule
 * change and alert. There is no way to change or remove an entry through this port.
 */
export interface AuditLog {
  /** Records an action. Never throws: an action that happened is not undone because its record could not be kept. */
  append(record: AuditRecord): Promise<void>;
  query(query: AuditQuery): Promise<AuditPage>;
}
