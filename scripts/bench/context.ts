import type { Server } from './server';

/** What every section gets: the server under test, the run's mode, and a list of images to clean up afterwards. */
export type BenchContext = {
  server: Server;
  quick: boolean;
  /** Ids of images the benchmark produced; untagged ones are removed at the end. */
  imageIds: Set<string>;
  log: (line: string) => void;
};
