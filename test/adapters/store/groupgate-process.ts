import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';
import { rememberPrinted } from '../../support/web-chat-pages.js';

/** One JSON log line an instance printed (pino). */
export interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly [field: string]: unknown;
}

/**
 * A GroupGate instance in its own process, started as `npm start` does (`node --import tsx
 * bot/main.ts`) on a free loopback port. It keeps what the instance prints, so tests can read its
 * log (one JSON object per line) after the fact, even after a kill -9.
 */
export class GroupGateProcess {
  readonly lines: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  url = '';
  private readonly child: ChildProcessByStdio<null, Readable, Readable>;

  private constructor(readonly name: string, env: Record<string, string>, nodeArgs: readonly string[]) {
    // Only what configuration names: nothing from the test runner's own environment leaks in.
    this.child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'bot/main.ts'], {
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let partial = '';
    const collect = (chunk: Buffer) => {
      const text = partial + chunk.toString('utf8');
      const complete = text.split('\n');
      partial = complete.pop() ?? '';
      this.lines.push(...complete.filter(Boolean));
    };
    this.child.stdout.on('data', collect);
    this.child.stderr.on('data', collect);
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve({ code, signal })));
  }

  /** Starts an instance (with extra node flags, e.g. --cpu-prof) and waits until it listens, or fails with what it printed. */
  static async start(name: string, env: Record<string, string>, nodeArgs: readonly string[] = [], timeoutMs = 60_000): Promise<GroupGateProcess> {
    const instance = new GroupGateProcess(name, env, nodeArgs);
    const deadline = Date.now() + timeoutMs;
    let exited = false;
    void instance.exited.then(() => (exited = true));
    while (!instance.url) {
      const found = instance.lines.map((line) => /GroupGate is listening on (http:\/\/\S+)/.exec(line)?.[1]).find(Boolean);
      if (found) instance.url = found;
      else if (exited || Date.now() > deadline) throw new Error(`${name} did not start:\n${instance.lines.join('\n')}`);
      else await sleep(50);
    }
    rememberPrinted(instance.url, () => instance.lines);
    return instance;
  }

  /** Every JSON log line, parsed. */
  logs(): LogLine[] {
    return this.lines.flatMap((line) => {
      if (!line.startsWith('{')) return [];
      try {
        return [JSON.parse(line) as LogLine];
      } catch {
        return [];
      }
    });
  }

  /** Log lines with this message. */
  logged(msg: string): LogLine[] {
    return this.logs().filter((line) => line.msg === msg);
  }

  /** The process id (while it runs). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** True while the process runs (it never exited, nor was restarted). */
  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** kill -9: no cleanup at all. */
  async kill(): Promise<void> {
    if (this.alive) this.child.kill('SIGKILL');
    await this.exited;
  }

  /** A graceful stop (SIGTERM), as an orchestrator does; resolves with the exit code. */
  async stop(): Promise<number | null> {
    if (this.alive) this.child.kill('SIGTERM');
    return (await this.exited).code;
  }

  /** GET /healthz: status and body. */
  async health(): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(5_000) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns something truthy, or fails after `timeoutMs` saying what was awaited. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 30_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}
