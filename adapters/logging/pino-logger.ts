import pino from 'pino';
import type { Logger } from '../../domain/ports/logger.js';

// Values under these keys never reach a log line, wherever they are nested.
const secretPaths = [
  '*.password', '*.secret', '*.token', '*.authorization', '*.Authorization', '*.cookie',
  'req.headers.authorization', 'req.headers.cookie', 'req.headers["x-slack-signature"]',
  '*.MicrosoftAppPassword', '*.SLACK_BOT_TOKEN', '*.SLACK_SIGNING_SECRET', '*.AZURE_CLIENT_SECRET', '*.client_secret',
];

/** The Logger port on pino: one JSON object per line, secrets redacted. */
export function createPinoLogger(level: string, destination?: pino.DestinationStream): Logger {
  const log = pino({ level, redact: { paths: secretPaths, censor: '[redacted]' }, base: { app: 'groupgate' } }, destination);
  return {
    debug: (fields, msg) => log.debug(fields, msg),
    info: (fields, msg) => log.info(fields, msg),
    warn: (fields, msg) => log.warn(fields, msg),
    error: (fields, msg) => log.error(fields, msg),
  };
}
