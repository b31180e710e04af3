import { describe, expect, it } from 'vitest';
import { formatContainers, formatHistory, formatImages, formatInspect, humanDuration, humanSize, renderTemplate, table } from './format';

const now = Date.UTC(2026, 11, 1, 12, 0, 0);
const id = 'sha256:4c1f9a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7';
const images = [{ id, repository: 'my-python-app', tag: 'latest', createdAt: now - 120_000, size: 125_400_000 }];

describe('formatImages', () => {
  it('prints the table docker images prints', () => {
    expect(formatImages(images, { quiet: false, noTrunc: false, now })).toBe(
      [
        'REPOSITORY      TAG       IMAGE ID       CREATED         SIZE',
        'my-python-app   latest    4c1f9a2b3c4d   2 minutes ago   125MB',
      ].join('\n'),
    );
  });

  it('honours -q, --no-trunc and --format', () => {
    expect(formatImages(images, { quiet: true, noTrunc: false, now })).toBe('4c1f9a2b3c4d');
    expect(formatImages(images, { quiet: true, noTrunc: true, now })).toBe(id);
    const json = JSON.parse(formatImages(images, { quiet: false, noTrunc: false, format: '{{json .}}', now }));
    expect(json).toMatchObject({
      Repository: 'my-python-app',
      Tag: 'latest',
      ID: '4c1f9a2b3c4d',
      Size: '125MB',
      CreatedSince: '2 minutes ago',
    });
    expect(formatImages(images, { quiet: false, noTrunc: false, format: '{{.Repository}}:{{.Tag}}', now })).toBe('my-python-app:latest');
    expect(formatImages(images, { quiet: false, noTrunc: false, format: 'table {{.Repository}}\\t{{.Size}}', now })).toBe(
      'REPOSITORY      SIZE\nmy-python-app   125MB',
    );
  });
});

describe('formatHistory', () => {
  it('shows <missing> for inherited layers and cuts CREATED BY at 45 characters', () => {
    const out = formatHistory(
      [
        { id, createdAt: now - 60_000, createdBy: 'CMD ["python" "app.py"]', size: 0, comment: '' },
        {
          createdAt: now - 3 * 86_400_000,
          createdBy: '/bin/sh -c apt-get update && apt-get install -y curl ca-certificates',
          size: 7_840_000,
          comment: 'buildkit.dockerfile.v0',
        },
      ],
      { quiet: false, noTrunc: false, now },
    ).split('\n');
    expect(out[0]).toMatch(/^IMAGE {10}CREATED {14}CREATED BY {38}SIZE {6}COMMENT$/);
    expect(out[1]).toMatch(/^4c1f9a2b3c4d   About a minute ago/);
    expect(out[2]).toMatch(/^<missing> +3 days ago +\/bin\/sh -c apt-get update && apt-get install…   7\.84MB +buildkit/);
  });
});

describe('formatContainers', () => {
  it('quotes and cuts COMMAND like docker ps', () => {
    const out = formatContainers(
      [
        {
          id: 'a1b2c3d4e5f6a7b8c9d0',
          image: 'app',
          command: 'python -c print("hello world")',
          createdAt: now - 5000,
          status: 'Up 4 seconds',
          names: 'eager_bohr',
        },
      ],
      { quiet: false, noTrunc: false, now },
    );
    expect(out.split('\n')[0]).toBe('CONTAINER ID   IMAGE     COMMAND                   CREATED         STATUS         PORTS     NAMES');
    expect(out.split('\n')[1]).toContain(
      'a1b2c3d4e5f6   app       "python -c print(\\"he…"   5 seconds ago   Up 4 seconds             eager_bohr',
    );
  });
});

describe('go-units and templates', () => {
  it('writes durations and sizes as docker does', () => {
    expect(humanDuration(500)).toBe('Less than a second');
    expect(humanDuration(61_000)).toBe('About a minute');
    expect(humanDuration(90 * 60_000)).toBe('2 hours');
    expect(humanDuration(3 * 86_400_000)).toBe('3 days');
    expect(humanSize(999)).toBe('999B');
    expect(humanSize(7_840_000)).toBe('7.84MB');
    expect(humanSize(1_234_567_890)).toBe('1.23GB');
  });

  it('renders {{.A.B}}, {{json .A}} and unknown fields', () => {
    const data = { Config: { User: 'app', Env: ['A=1', 'B=2'] } };
    expect(renderTemplate('{{.Config.User}}', data)).toBe('app');
    expect(renderTemplate('{{json .Config.Env}}', data)).toBe('["A=1","B=2"]');
    expect(renderTemplate('{{.Config.Env}}', data)).toBe('[A=1 B=2]');
    expect(renderTemplate('{{.Nope}}', data)).toBe('<no value>');
    expect(formatInspect([{ A: 1 }])).toBe('[\n    {\n        "A": 1\n    }\n]');
  });

  it('pads columns as tabwriter(minwidth 10, padding 3)', () => {
    expect(
      table([
        ['A', 'LONGER HEADER', 'X'],
        ['1', '2', '3'],
      ]),
    ).toBe('A         LONGER HEADER   X\n1         2               3');
  });
});
