import { describe, expect, it } from 'vitest';
import { renderPlainProgress } from '@/lib/build-progress';
import type { JobEvent } from '@/lib/events';
import { decodeFixture } from './fixtures/load';

/** Recorded engine streams → decoder → the shared renderer: reads like `docker build --progress=plain`. */

const render = (name: string, target?: string) =>
  renderPlainProgress(decodeFixture(name, target).filter((e) => e.type !== 'image' && e.type !== 'error') as JobEvent[]);

describe('plain progress from recorded builds', () => {
  it('prints #N blocks with step output, DONE times and the exporter, like the CLI', () => {
    const text = render('multistage');
    expect(text).toMatch(
      /^#1 \[internal\] load remote build context\n#1 DONE \d+\.\ds\n\n#2 \[internal\] load metadata for docker\.io\/library\/busybox:latest\n/,
    );
    expect(text).toMatch(
      /\n#(\d+) \[build 4\/5\] RUN --mount=type=cache,target=\/cache echo cached >> \/cache\/n && wc -l \/cache\/n\n#\1 \d+\.\d{3} 1 \/cache\/n\n#\1 DONE 0\.\ds\n/,
    );
    expect(text).toMatch(
      /\n#(\d+) \[build 5\/5\] RUN <<SH \(echo from heredoc\.\.\.\)\n#\1 \d+\.\d{3} from heredoc\n#\1 \d+\.\d{3} second line\n#\1 DONE/,
    );
    expect(text).toMatch(
      /\n#(\d+) exporting to image\n#\1 exporting layers 0\.1s done\n#\1 writing image sha256:ce45\w+ done\n#\1 naming to docker\.io\/library\/rec-multistage:latest done\n#\1 DONE 0\.2s\n$/,
    );
    expect(text).not.toMatch(/should-not-run|Step \d|Using cache/);
  });

  it('prints the header again when parallel stages interleave', () => {
    const text = render('multistage');
    const other = /#(\d+) \[other 2\/2\] RUN echo other-stage/.exec(text)![1];
    // Started, then interrupted by the build stage's WORKDIR, then finished under its own header again.
    expect(text.split('\n').filter((l) => l.startsWith(`#${other} [other 2/2]`)).length).toBe(2);
  });

  it('marks every step CACHED on a rebuild', () => {
    const text = render('multistage-cached');
    expect(text).toMatch(/#(\d+) \[build 4\/5\] RUN --mount[^\n]*\n#\1 CACHED\n/);
    expect(text.match(/ CACHED\n/g)?.length).toBe(7);
  });

  it('prints the failing step ERROR under its block', () => {
    expect(render('failing')).toMatch(
      /#(\d+) \[3\/3\] RUN echo about to fail && {5}exit 3\n#\1 \d\.\d{3} about to fail\n#\1 ERROR: process "\/bin\/sh -c echo about to fail && {5}exit 3" did not complete successfully: exit code: 3\n$/,
    );
  });
});
