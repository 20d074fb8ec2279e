import { HttpClientError, InsecureTransportError } from './http-errors';
import { prepareRequest, safeUrlOf } from './prepare-request';

describe('prepareRequest', () => {
  it.each(['http://example.com/x', 'http://10.0.0.1/', 'http://localhost.evil.com/', 'http://128.0.0.1/'])(
    'refuses plain http to %s',
    (url) => {
      expect(() => prepareRequest({ method: 'GET', url })).toThrow(InsecureTransportError);
    },
  );

  it.each([
    'http://localhost:1/',
    'http://127.0.0.1/',
    'http://127.9.8.7/',
    'http://[::1]:8/',
    'https://example.com/',
  ])('allows %s', (url) => {
    expect(prepareRequest({ method: 'GET', url }).url.href).toBe(new URL(url).href);
  });

  it('refuses other protocols and invalid URLs', () => {
    expect(() => prepareRequest({ method: 'GET', url: 'ftp://example.com/' })).toThrow(HttpClientError);
    expect(() => prepareRequest({ method: 'GET', url: 'not a url?token=s3cret' })).toThrow(
      /not a url\?token=\[redacted\]/,
    );
  });

  it('serialises objects as JSON and keeps strings and buffers as they are', () => {
    const json = prepareRequest({ method: 'POST', url: 'https://a.test/', body: { a: 1 } });
    expect(json.payload?.toString()).toBe('{"a":1}');
    expect(json.headers).toMatchObject({ 'content-type': 'application/json', 'content-length': '7' });
    const text = prepareRequest({
      method: 'POST',
      url: 'https://a.test/',
      body: 'a=1',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(text.headers).toEqual({
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': '3',
    });
    expect(
      prepareRequest({ method: 'PUT', url: 'https://a.test/', body: Buffer.from([1, 2]) }).payload,
    ).toEqual(Buffer.from([1, 2]));
    expect(prepareRequest({ method: 'GET', url: 'https://a.test/' }).payload).toBeUndefined();
  });

  it('defaults the deadline to 10 s', () => {
    expect(prepareRequest({ method: 'GET', url: 'https://a.test/' }).timeoutMs).toBe(10_000);
  });
});

describe('safeUrlOf', () => {
  it('redacts query values and the caller’s extra values', () => {
    expect(safeUrlOf('https://a.test/users/u-123/meetings?code=abc&state=def', ['u-123'])).toBe(
      'https://a.test/users/[redacted]/meetings?code=[redacted]&state=[redacted]',
    );
    expect(safeUrlOf('https://a.test/x', [''])).toBe('https://a.test/x');
  });
});
