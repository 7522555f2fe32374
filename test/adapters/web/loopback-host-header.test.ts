import { describe, expect, it } from 'vitest';
import { isLoopbackHostHeader } from '../../../adapters/web/local-only.js';

describe('the web chat reads the Host header strictly', () => {
  it.each(['localhost', 'localhost:3978', 'LocalHost:3978', '127.0.0.1', '127.0.0.1:3978', '127.4.5.6:80', '[::1]', '[::1]:3978'])('accepts %s', (host) => {
    expect(isLoopbackHostHeader(host)).toBe(true);
  });

  it.each([
    '[::1].evil.com',
    '[::1].evil.com:3978',
    '[::1]:3978.evil.com',
    '[::1]x',
    '[::1]:',
    '[::1]:99999',
    '[::1',
    '::1',
    '127.0.0.1.evil.com',
    'localhost.evil.com',
    'localhost:3978:1',
    'localhost:',
    'localhost:abc',
    'evil.com#@localhost',
    'user@localhost',
    ' localhost',
    '',
  ])('refuses %j', (host) => {
    expect(isLoopbackHostHeader(host)).toBe(false);
  });
});
