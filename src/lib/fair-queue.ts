// A counting semaphore that is fair between owners: at most `slots` jobs run at once, each owner's
// jobs run in the order they came, and a freed slot goes to the owners in turn (round robin), so
// one owner with many jobs queued delays another's by one job, never by all of its own.
export type FairQueue = <T>(owner: string, work: () => Promise<T>) => Promise<T>;

export function fairQueue(slots: number): FairQueue {
  let free = slots;
  // Owners with jobs waiting, in turn order (a Map keeps insertion order).
  const waiting = new Map<string, (() => void)[]>();

  function startNext(): void {
    while (free > 0 && waiting.size > 0) {
      const [owner, jobs] = waiting.entries().next().value!;
      const start = jobs.shift()!;
      // Served: to the back of the line, if it has more.
      waiting.delete(owner);
      if (jobs.length > 0) waiting.set(owner, jobs);
      free--;
      start();
    }
  }

  return async function run<T>(owner: string, work: () => Promise<T>): Promise<T> {
    await new Promise<void>((resolve) => {
      const jobs = waiting.get(owner);
      if (jobs) jobs.push(resolve);
      else waiting.set(owner, [resolve]);
      startNext();
    });
    try {
      return await work();
    } finally {
      free++;
      startNext();
    }
  };
}
