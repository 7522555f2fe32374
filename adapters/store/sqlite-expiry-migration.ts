import type Database from 'better-sqlite3';

/**
 * Files written before housekeeping have `entries (key, value)` without `expires_at`. Adds the
 * column in place and fills it from each value's stored `expires` (keyv's JSON), once: inside an
 * IMMEDIATE transaction that checks again, so two processes opening the same old file at once
 * migrate it once.
 */
export function migrateExpiryColumn(db: Database.Database): void {
  if (hasExpiryColumn(db)) return;
  db.transaction(() => {
    if (hasExpiryColumn(db)) return;
    db.exec('ALTER TABLE entries ADD COLUMN expires_at INTEGER');
    db.exec(
      `UPDATE entries SET expires_at = CAST(json_extract(value, '$.expires') AS INTEGER)
       WHERE json_valid(value) AND json_type(value, '$.expires') IN ('integer', 'real')`,
    );
  }).immediate();
}

function hasExpiryColumn(db: Database.Database): boolean {
  return (db.pragma('table_info(entries)') as Array<{ name: string }>).some((column) => column.name === 'expires_at');
}
