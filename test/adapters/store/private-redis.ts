import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Why a private Redis cannot run here, or undefined when `redis-server` is on the PATH. */
export const privateRedisMissing = spawnSync('redis-server', ['--version']).status === 0 ? undefined : 'redis-server is not on the PATH';

/**
 * A Redis server of the test's own on a free loopback port, so a test can stop and start it
 * without touching the shared one. By default it writes every command to its append-only file
 * before answering (appendfsync always), so a stop and start keeps everything it acknowledged;
 * `everysec` is what a production Redis usually runs with.
 */
export class PrivateRedis {
  private process: ChildProcess | undefined;
  private readonly dir = mkdtempSync(join(tmpdir(), 'groupgate-redis-'));

  private constructor(
    readonly port: number,
    private readonly appendfsync: 'always' | 'everysec',
  ) {}

  static async start(appendfsync: 'always' | 'everysec' = 'always'): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort(), appendfsync);
    await redis.resume();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts (again) on the same port and data folder, and waits until it answers. */
  async resume(): Promise<void> {
    this.process = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', this.appendfsync, '--dir', this.dir], { stdio: 'ignore' });
    const deadline = Date.now() + 10_000;
    while (!(await answersPing(this.port))) {
      if (Date.now() > deadline) throw new Error(`the private redis-server on port ${this.port} did not start`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Pauses it (SIGSTOP): connections stay open and nothing is answered, as a swapping or stalled server does. */
  freeze(): void {
    this.process?.kill('SIGSTOP');
  }

  /** Lets a frozen server run again (SIGCONT): it then reads and runs whatever was sent meanwhile. */
  thaw(): void {
    this.process?.kill('SIGCONT');
  }

  /** Stops it the way an operator would (SIGTERM) and waits until it is gone. */
  async stop(): Promise<void> {
    const running = this.process;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await exited;
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}
