// Captures what the app logs (the real pino logger, writing to memory) so a test can read the lines.
import pino from 'pino';

type Line = Record<string, unknown> & { msg: string };

const globalForLogger = globalThis as unknown as { __pawprintLogger?: pino.Logger };

export function captureLogs(): { lines: Line[]; restore: () => void } {
  const lines: Line[] = [];
  const previous = globalForLogger.__pawprintLogger;
  globalForLogger.__pawprintLogger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return {
    lines,
    restore: () => {
      globalForLogger.__pawprintLogger = previous;
    },
  };
}
