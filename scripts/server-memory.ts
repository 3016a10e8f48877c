// How the server process keeps its memory down (docs/performance.md, ADR 0027). `npm start`
// (scripts/start.ts) runs the server with these unless its environment gives them already; the
// suites and the bench give them up front, as a deployment should (README, deploy/), so no parent
// process stays around.

/**
 * glibc's allocator. Two arenas, not eight per core: each thread that decoded a photo kept what it
 * freed in an arena of its own. And every block of 128 KB or more mapped on its own: glibc raises
 * this threshold (up to 32 MB) after the first such block is freed, and from then on a decode's
 * pixel buffers come from the heap and stay with the process after it.
 */
export const ALLOCATOR_ENV = { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072' } as const;

/**
 * V8's young generation in 16 MB semi-spaces (its default here grows them to 64 MB): after a burst
 * of requests it stayed at 128 MB committed for ~12 MB live until the server was idle for seconds.
 */
export const SEMI_SPACE_FLAG = '--max-semi-space-size=16';

/** The environment a suite or the bench starts a server with: both settings, no re-run. */
export const SERVER_MEMORY_ENV = { ...ALLOCATOR_ENV, NODE_OPTIONS: SEMI_SPACE_FLAG } as const;

/** Whether this process runs with a semi-space size of its own choosing (a flag or NODE_OPTIONS). */
export function hasSemiSpaceSize(): boolean {
  const options = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  return options.some((option) => option.startsWith('--max-semi-space-size'));
}
