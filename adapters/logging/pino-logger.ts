import pino from 'pino';
import { currentRequest } from '../../bot/request-context.js';
import type { Logger } from '../../domain/ports/logger.js';
import { secretScrubber } from './scrub-secrets.js';

// Values under these keys never reach a log line, wherever they are nested.
const secretPaths = [
  '*.password', '*.secret', '*.token', '*.authorization', '*.Authorization', '*.cookie',
  'req.headers.authorization', 'req.headers.cookie', 'req.headers["x-slack-signature"]',
  '*.MicrosoftAppPassword', '*.SLACK_BOT_TOKEN', '*.SLACK_SIGNING_SECRET', '*.AZURE_CLIENT_SECRET', '*.AZURE_CLIENT_CERTIFICATE_PASSWORD', '*.client_secret',
  '*.headers.authorization', '*.headers.Authorization', '*.*.headers.authorization', '*.*.headers.Authorization',
];

/** The request (HTTP request or scheduled run) a line was logged in, so one turn's lines can be found together. */
function requestFields(): Record<string, unknown> {
  const context = currentRequest();
  return context ? { requestId: context.requestId, ...(context.platform ? { platform: context.platform } : {}) } : {};
}

/** The Logger port on pino: one JSON object per line with the request id of the turn it belongs to, secrets redacted. */
export function createPinoLogger(level: string, destination?: pino.DestinationStream, secrets: readonly string[] = []): Logger {
  // Besides the keys above, every line is scrubbed of the configured secrets and anything shaped like a credential.
  const log = pino({ level, redact: { paths: secretPaths, censor: '[redacted]' }, hooks: { streamWrite: secretScrubber(secrets) }, base: { app: 'groupgate' }, mixin: requestFields }, destination);
  return {
    debug: (fields, msg) => log.debug(fields, msg),
    info: (fields, msg) => log.info(fields, msg),
    warn: (fields, msg) => log.warn(fields, msg),
    error: (fields, msg) => log.error(fields, msg),
  };
}
