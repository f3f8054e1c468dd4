// A minimal stand-in for the soak: a token and GET /api/v2/users/me, answered with the mock server's
// headers and user, at a fraction of the mock's cost per request (which validates every request
// against the spec): the soak measures the client, and on two shared cores the server's CPU is the
// suite's time. Counts the API calls it answered.
import { createServer } from 'node:http';
import { DEFAULT_USER } from '@gcsdk/mock-server';

export async function startStubServer() {
  const sockets = new Set();
  const stats = { apiCalls: 0 };
  const me = JSON.stringify({ ...DEFAULT_USER, state: 'active', version: 1, selfUri: `/api/v2/users/${DEFAULT_USER.id}` });
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const headers = { 'content-type': 'application/json', 'inin-correlation-id': `c${stats.apiCalls}` };
      if (req.method === 'POST' && req.url === '/oauth/token')
        return res.writeHead(200, headers).end(JSON.stringify({ access_token: 'soak-token', token_type: 'bearer', expires_in: 86_400 }));
      if (req.method === 'GET' && req.url === '/api/v2/users/me' && req.headers.authorization === 'Bearer soak-token') {
        stats.apiCalls++;
        const limits = { 'inin-ratelimit-allowed': '300', 'inin-ratelimit-count': '1', 'inin-ratelimit-reset': '60' };
        return res.writeHead(200, { ...headers, ...limits }).end(me);
      }
      res.writeHead(404, headers).end(JSON.stringify({ status: 404, code: 'not.found', message: `No ${req.method} ${req.url}` }));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    port: server.address().port,
    stats,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
