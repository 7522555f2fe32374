/** Where log lines go in the end: standard output, or a test's collector. */
export interface LineSink {
  write(line: string): unknown;
}

/** A pino destination that holds lines back until `release()`, then writes them, and every later line, straight through. */
export interface HeldLogLines extends LineSink {
  release(): void;
}

/**
 * Keeps start-up log lines out of the banner `npm start` prints for people: a JSON line such as
 * `"alert":"lowSeats","channels":0` between "Web chat: …" and the try-this story reads as if
 * something had been sent. They are written, in order, once the banner is out.
 */
export function heldLogLines(out: LineSink = process.stdout): HeldLogLines {
  let held: string[] | undefined = [];
  return {
    write(line: string) {
      if (held) held.push(line);
      else out.write(line);
    },
    release() {
      const lines = held ?? [];
      held = undefined;
      for (const line of lines) out.write(line);
    },
  };
}
