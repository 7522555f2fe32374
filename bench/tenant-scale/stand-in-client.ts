// The benchmark's side of the Graph stand-in process: start it, ask it how many calls it served, change the tenant, stop it.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { GraphCalls, StandInAnswer, StandInAsk } from './stand-in-protocol.js';
import type { TenantCast } from './synthetic-tenant.js';

type Ask = StandInAsk extends infer A ? (A extends { id: number } ? Omit<A, 'id'> : never) : never;

const script = fileURLToPath(new URL('./stand-in-process.ts', import.meta.url));

export class StandInProcess {
  private nextId = 1;
  private readonly waiting = new Map<number, (answer: StandInAnswer) => void>();

  private constructor(
    private readonly child: ChildProcess,
    readonly env: Record<string, string>,
    readonly cast: TenantCast,
    readonly buildMs: number,
    readonly rssMb: number,
  ) {
    child.on('message', (answer: StandInAnswer) => {
      this.waiting.get(answer.id)?.(answer);
      this.waiting.delete(answer.id);
    });
  }

  /** Builds the tenant of `size` in a new process and starts serving it; resolves once it answers. */
  static start(size: string, requesters: number): Promise<StandInProcess> {
    const child = spawn(process.execPath, ['--max-old-space-size=4096', '--import', 'tsx', script, size, String(requesters)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    return new Promise((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`the Graph stand-in exited (${code}) before it was ready`)));
      child.once('message', (answer: StandInAnswer) => {
        if (answer.type !== 'ready') return reject(new Error(`the Graph stand-in said ${answer.type} first`));
        child.removeAllListeners('exit');
        resolve(new StandInProcess(child, answer.env, answer.cast, answer.buildMs, answer.rssMb));
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Graph requests the stand-in received between two times (epoch ms, inclusive). */
  async calls(from: number, to: number): Promise<GraphCalls> {
    const answer = await this.ask({ type: 'calls', from, to });
    return answer.type === 'calls' ? { count: answer.count, byPath: answer.byPath } : { count: 0, byPath: {} };
  }

  /** Makes ten changes in the tenant (five users, five memberships), as an admin would in Entra. */
  async changeTen(): Promise<void> {
    await this.ask({ type: 'change' });
  }

  /** Stops serving and ends the process (killed if it does not go within five seconds). */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    const kill = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    this.child.send({ id: this.nextId++, type: 'stop' } satisfies StandInAsk);
    await exited;
    clearTimeout(kill);
  }

  private ask(ask: Ask): Promise<StandInAnswer> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.child.send({ ...ask, id } as StandInAsk);
    });
  }
}
