import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../domain/ports/logger.js';

/**
 * Bolt's and the Web API client's logging, sent to GroupGate's logger. Their debug lines are
 * dropped: Bolt logs whole request bodies there, with people's free text and response_urls
 * (which let anyone post into the conversation for 30 minutes).
 */
export function boltLogger(logger: Logger): BoltLogger {
  const say = (level: 'info' | 'warn' | 'error') => (...parts: unknown[]) =>
    logger[level]({ component: 'slack' }, parts.map((part) => (part instanceof Error ? part.message : String(part))).join(' '));
  return {
    debug: () => undefined,
    info: say('info'),
    warn: say('warn'),
    error: say('error'),
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: () => undefined,
  };
}
