import { afterAll, describe, expect, it } from 'vitest';
import { buildToCompletion } from '../jobs/run-to-completion';
import { docker } from './docker';
import { imageLayerFiles } from './image-layer-files';
import { removeLearnerImages } from './remove-learner-images';

/** `docker image save` read layer by layer (real engine): what a container's filesystem hides, the layers still hold. */

const learner = `layers${Date.now().toString(16)}`.slice(0, 24);

describe('imageLayerFiles (real engine)', () => {
  afterAll(() => removeLearnerImages([learner]));

  it('lists a file that a later layer deleted, and skips the base image', async () => {
    const files = [
      {
        path: 'Dockerfile',
        content: 'FROM busybox:latest\nCOPY .env /opt/bundle/.env\nRUN rm /opt/bundle/.env\nCMD ["ls", "-A", "/opt/bundle"]\n',
      },
      { path: '.env', content: 'TOKEN=secret\n' },
    ];
    const { done, ref } = await buildToCompletion({ learner, files, tag: 'layers' });
    expect(done.state).toBe('succeeded');
    const base = (await docker().getImage('busybox:latest').inspect()).RootFS?.Layers ?? [];
    const image = (await docker().getImage(ref).inspect()).RootFS?.Layers ?? [];

    const layers = await imageLayerFiles(ref, new Set(base));
    // Only the layers this Dockerfile added, in order, each with its diff ID.
    expect(layers.map((l) => l.diffId)).toEqual(image.slice(base.length));
    expect(layers.map((l) => l.index)).toEqual(image.slice(base.length).map((_, i) => base.length + i));
    const paths = layers.map((l) => l.entries.map((e) => e.path));
    expect(paths[0]).toContain('/opt/bundle/.env');
    expect(paths[1]).toContain('/opt/bundle/.wh..env');
    // Nothing from busybox itself.
    expect(paths.flat()).not.toContain('/bin/busybox');
  });
});
