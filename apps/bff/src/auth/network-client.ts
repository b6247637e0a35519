import { request } from 'node:https';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';

/**
 * msal-node's network module over node:https with an extra trusted CA (local
 * Azure's). Certificate verification stays on: the CA is added, nothing is
 * skipped. With no CA, msal's default client is used instead.
 */
export function createNetworkClient(caPem: string, timeoutMs = 15_000): INetworkModule {
  const send = <T>(
    method: 'GET' | 'POST',
    url: string,
    options: NetworkRequestOptions = {},
    timeout = timeoutMs,
  ): Promise<NetworkResponse<T>> =>
    new Promise((resolve, reject) => {
      const body = options.body;
      const req = request(
        url,
        {
          method,
          ca: caPem,
          timeout,
          headers: {
            ...options.headers,
            ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const headers: Record<string, string> = {};
            for (const [k, v] of Object.entries(res.headers)) {
              if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
            }
            let parsed: unknown = text;
            try {
              parsed = text ? JSON.parse(text) : {};
            } catch {
              // msal reads JSON bodies; a non-JSON body is passed through as text.
            }
            resolve({ headers, body: parsed as T, status: res.statusCode ?? 0 });
          });
        },
      );
      req.on('timeout', () =>
        req.destroy(new Error(`identity provider did not answer within ${timeout} ms`)),
      );
      req.on('error', reject);
      req.end(body);
    });
  return {
    sendGetRequestAsync: (url, options, timeout) => send('GET', url, options, timeout),
    sendPostRequestAsync: (url, options) => send('POST', url, options),
  };
}
