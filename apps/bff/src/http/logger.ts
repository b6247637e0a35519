import pino, { type Logger } from 'pino';

/**
 * Paths pino replaces with "[redacted]". Secrets never belong in a log line;
 * this is the net under that rule, not the rule itself.
 */
export const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  '*.password',
  '*.passwords',
  '*.value',
  '*.secret',
  '*.clientSecret',
  '*.accessToken',
  '*.refreshToken',
  '*.idToken',
  '*.code',
  '*.sessionId',
];

export function createLogger(options: {
  level: string;
  destination?: pino.DestinationStream;
}): Logger {
  return pino(
    {
      level: options.level,
      base: undefined,
      redact: { paths: redactPaths, censor: '[redacted]' },
    },
    options.destination,
  );
}
