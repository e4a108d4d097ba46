import { afterEach, expect, it } from 'vitest';
import { exampleDir, type LiveService, startService } from '../src/start-service.js';

// The operations surface the example mounts under /strata: two tokens, a read and a write, as its README's
// curl lines do.
const tokens = { reader: 'dashboard-token-0123456789', operator: 'on-call-token-0123456789' };
let service: LiveService | undefined;
afterEach(async () => {
  await service?.close();
  service = undefined;
});

it('serves the surface beside the service: reads with the reader token, an override with the operator token', async () => {
  service = await startService({ cwd: exampleDir, port: 0, log: () => {}, tokens });
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const ready = await fetch(`${service.url}/strata/health/ready`, { headers: auth(tokens.reader) });
  expect(ready.status).toBe(200);
  const denied = await fetch(`${service.url}/strata/overrides/greeting.text`, {
    method: 'PUT',
    headers: { ...auth(tokens.reader), 'content-type': 'application/json' },
    body: JSON.stringify({ value: 'hi' }),
  });
  expect(denied.status).toBe(403);
  const set = await fetch(`${service.url}/strata/overrides/greeting.text`, {
    method: 'PUT',
    headers: { ...auth(tokens.operator), 'content-type': 'application/json' },
    body: JSON.stringify({ value: 'hello from the on-call operator', ttl: 600, reason: 'demo' }),
  });
  expect(set.status).toBe(200);
  const answer = (await (await fetch(`${service.url}/`)).json()) as { greeting: string };
  expect(answer.greeting).toBe('hello from the on-call operator');
});
