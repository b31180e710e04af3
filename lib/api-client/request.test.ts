import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ApiError, NETWORK_ERROR_MESSAGE } from './api-error';
import { request, settle } from './request';

const schema = z.object({ id: z.string() });

function answer(status: number, body?: unknown) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(body === undefined ? null : JSON.stringify(body), { status })),
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('request', () => {
  it('returns the parsed answer', async () => {
    answer(200, { id: 'b1', extra: true });
    await expect(request('GET', '/x', { schema })).resolves.toEqual({ id: 'b1' });
  });

  it('turns the server’s error body into an ApiError with code, message and issues', async () => {
    answer(422, { error: 'dockerfile_refused', message: 'Not here.', issues: [{ line: 2, message: 'no ADD urls' }] });
    const err = await request('POST', '/x', { schema, body: {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      status: 422,
      code: 'dockerfile_refused',
      message: 'Not here.',
      issues: [{ line: 2, message: 'no ADD urls' }],
    });
  });

  it('says the server could not be reached when fetch itself fails', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const result = await settle(request('GET', '/x', { schema }));
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ status: 0, code: 'network', message: NETWORK_ERROR_MESSAGE }) });
  });

  it('refuses an answer that does not match the schema', async () => {
    answer(200, { id: 42 });
    await expect(request('GET', '/x', { schema })).rejects.toMatchObject({ code: 'bad_response' });
  });

  it('sends the CSRF token only on changes', async () => {
    const fetch = vi.fn(async () => new Response('{"id":"c"}', { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    await request('GET', '/x', { schema, csrf: 't' });
    await request('PATCH', '/x', { schema, csrf: 't', body: {} });
    const headers = fetch.mock.calls.map((c) => (c as unknown as [string, RequestInit])[1].headers as Record<string, string>);
    expect(headers[0]['x-layerlab-csrf']).toBeUndefined();
    expect(headers[1]['x-layerlab-csrf']).toBe('t');
  });
});
