import type { AuditRecord } from '../../domain/audit/audit-entry.js';
import type { AuditLog, AuditPage, AuditQuery } from '../../domain/audit/audit-log.js';
import { groupId, userId } from '../../domain/model/ids.js';
import type { Directory } from '../../domain/ports/directory.js';

/**
 * The audit trail with names written next to ids at the time of the action, so an entry still
 * reads right after a person or group is renamed or deleted (and exports need no directory).
 */
export class NamedAuditLog implements AuditLog {
  constructor(private readonly inner: AuditLog, private readonly directory: Directory) {}

  async append(record: AuditRecord): Promise<void> {
    const [actorName, subjectName, groupName] = await Promise.all([
      record.actorName ?? this.userName(record.actorId),
      record.subjectName ?? this.userName(record.subjectId),
      record.groupName ?? this.groupName(record.groupId),
    ]);
    await this.inner.append({ ...record, ...(actorName ? { actorName } : {}), ...(subjectName ? { subjectName } : {}), ...(groupName ? { groupName } : {}) });
  }

  query(query: AuditQuery): Promise<AuditPage> {
    return this.inner.query(query);
  }

  // A name that cannot be read now leaves only the id; the entry is written either way.
  private async userName(id: string | undefined): Promise<string | undefined> {
    return id ? (await this.directory.getUser(userId(id)).catch(() => undefined))?.displayName : undefined;
  }

  private async groupName(id: string | undefined): Promise<string | undefined> {
    return id ? (await this.directory.getGroup(groupId(id)).catch(() => undefined))?.displayName : undefined;
  }
}
