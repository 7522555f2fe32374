import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { handleCardAction } from '../../bot/handle-card-action.js';
import { handleMessage } from '../../bot/handle-message.js';
import type { AuditEntry } from '../../domain/audit/audit-entry.js';
import { ManualClock } from '../support/manual-clock.js';
import { replyText } from '../support/reply-text.js';
import { person } from '../support/sample-tenant.js';
import { startTestGroupGate } from '../support/start-test-groupgate.js';
import { tempSqliteUrl } from '../support/temp-store-url.js';

/** Runs `npm run audit:export -- <args>` as people do (the script itself, through tsx), on a store. */
function exportAudit(storeUrl: string, args: readonly string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/audit/export-audit-log.ts', ...args], { env: { ...process.env, STORE_URL: storeUrl }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  return new Promise<{ stdout: string; stderr: string; code: number | null }>((resolve) => child.on('exit', (code) => resolve({ stdout, stderr, code })));
}

describe('npm run audit:export', () => {
  it('writes a group’s or a person’s entries from the store as CSV or JSON lines, oldest first', async () => {
    const storeUrl = tempSqliteUrl();
    const clock = new ManualClock();
    const running = await startTestGroupGate({ STORE_URL: storeUrl }, { clock });
    const reply = replyText(await handleMessage(running.gate, { actor: person('Rowan Pike'), platform: 'teams' }, 'join Atlas Project because I moved teams'));
    clock.advance(60_000);
    await handleCardAction(running.gate, { actor: person('Ines Duarte'), platform: 'slack' }, { action: 'join-request.approve', requestId: /R-\w+/.exec(reply)![0] });
    await handleMessage(running.gate, { actor: person('Rowan Pike'), platform: 'web' }, 'join Lunch Club');
    await running.stop();

    const csv = await exportAudit(storeUrl, ['--format', 'csv', '--group', 'Atlas Project']);
    expect(csv.code).toBe(0);
    const [header, ...rows] = csv.stdout.trim().split('\n');
    expect(header).toBe('at,action,actorName,actorId,platform,groupName,groupId,subjectName,subjectId,requestId,details,id');
    expect(rows.map((row) => row.split(',').slice(0, 5).filter((_, i) => i !== 3).join(','))).toEqual([
      '2026-11-30T09:00:00.000Z,request.created,Rowan Pike,teams',
      '2026-11-30T09:01:00.000Z,request.approved,Ines Duarte,slack',
      '2026-11-30T09:01:00.000Z,membership.added,Ines Duarte,slack',
    ]);
    expect(csv.stderr).toContain('3 entries');

    const jsonl = await exportAudit(storeUrl, ['--format', 'jsonl', '--person', 'rowan pike', '--since', '2026-11-30T09:00:30Z']);
    const entries = jsonl.stdout.trim().split('\n').map((line) => JSON.parse(line) as AuditEntry);
    expect(entries.map((e) => `${e.action} ${e.groupName}`)).toEqual(['request.approved Atlas Project', 'membership.added Atlas Project', 'membership.added Lunch Club']);
  });

  it('refuses a format it does not write, saying which it does', async () => {
    const refused = await exportAudit(tempSqliteUrl(), ['--format', 'xml']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--format: expected csv or jsonl');
    expect(refused.stderr).not.toMatch(/\n\s+at /);
  });
});
