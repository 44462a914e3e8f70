// Shared by the Direct Line suites: a token from the page's token route, and raw calls to the endpoint.
import { expect } from 'chai';

export interface TokenAnswer { token: string; domain: string }

export async function getToken(url: string, headers: Record<string, string> = {}): Promise<TokenAnswer> {
  const res = await fetch(`${url}/api/directline/token`, { method: 'POST', headers, signal: AbortSignal.timeout(10_000) });
  expect(res.status, await res.clone().text()).to.equal(200);
  return await res.json() as TokenAnswer;
}

export interface Answer { status: number; json: unknown; headers: Headers }

/** One call to the Direct Line endpoint: object bodies as JSON, strings as they are. */
export async function call(url: string, method: string, token: string | undefined, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(url, {
    method,
    headers: {
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  let json: unknown;
  try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
  return { status: res.status, json, headers: res.headers };
}

/** Starts a conversation with a fresh token; returns its id and the token to use. */
export async function startConversation(url: string): Promise<{ domain: string; id: string; token: string }> {
  const { token, domain } = await getToken(url);
  const res = await call(`${domain}/conversations`, 'POST', token);
  expect(res.status).to.equal(201);
  const { conversationId, token: next } = res.json as { conversationId: string; token: string };
  return { domain, id: conversationId, token: next };
}
