import type { Config } from '../../bot/config.js';

/** The configured secrets: values that must never reach a log line, whatever field or message carries them. */
export function configuredSecrets(config: Pick<Config, 'MicrosoftAppPassword' | 'SLACK_BOT_TOKEN' | 'SLACK_SIGNING_SECRET' | 'AZURE_CLIENT_SECRET' | 'AZURE_CLIENT_CERTIFICATE_PASSWORD'>): string[] {
  return [config.MicrosoftAppPassword, config.SLACK_BOT_TOKEN, config.SLACK_SIGNING_SECRET, config.AZURE_CLIENT_SECRET, config.AZURE_CLIENT_CERTIFICATE_PASSWORD].filter((value): value is string => Boolean(value));
}

// Credentials by their shape, for ones GroupGate does not know in advance (access tokens it was given):
// Slack tokens, bearer credentials in headers or messages, and JWTs (Entra and Bot Framework tokens).
const credentialShapes: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bxox[abeoprs]-[A-Za-z0-9-]{8,}/g, '[redacted]'],
  [/\b(Bearer)\s+[A-Za-z0-9._~+/=-]{16,}/gi, '$1 [redacted]'],
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, '[redacted]'],
];

// Shorter values would redact ordinary words; real secrets are far longer.
const minimumSecretLength = 8;

/**
 * A last line of defence for log lines, applied to each serialized line before it is written:
 * every configured secret, as it appears inside a JSON string, and anything shaped like a
 * credential become `[redacted]`. Key-based redaction only catches secrets under names it knows,
 * at depths it knows; an error from an HTTP client can carry one anywhere (a header inside a
 * request inside a cause), or in its message.
 */
export function secretScrubber(secrets: readonly string[]): (line: string) => string {
  // As a JSON string holds it, and as a form or URL holds it (a token request's body, a query).
  const known = [...new Set(secrets.filter((secret) => secret.length >= minimumSecretLength).flatMap((secret) => [secret, encodeURIComponent(secret)]))]
    .map((secret) => JSON.stringify(secret).slice(1, -1))
    .sort((a, b) => b.length - a.length);
  return (line) => {
    let scrubbed = line;
    for (const secret of known) scrubbed = scrubbed.split(secret).join('[redacted]');
    for (const [shape, replacement] of credentialShapes) scrubbed = scrubbed.replace(shape, replacement);
    return scrubbed;
  };
}
