// An HTTP gateway: every request fans out to two upstream endpoints and merges the answers.
// The per-request agent (no keepAlive) opens fresh upstream connections for every request.
import http from 'node:http';
import { serve } from './serve.mjs';

const server = http.createServer((req, res) => {
  const agent = new http.Agent();
  const parts = ['/inventory', '/pricing'].map(
    (path) =>
      new Promise((resolve, reject) => {
        http
          .get(`${process.env.UPSTREAM_URL}${path}`, { agent }, (upstream) => {
            let body = '';
            upstream.setEncoding('utf8');
            upstream.on('data', (chunk) => (body += chunk));
            upstream.on('end', () => resolve(JSON.parse(body)));
            upstream.on('error', reject);
          })
          .on('error', reject);
      }),
  );
  Promise.all(parts).then(
    ([inventory, pricing]) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ inventory, pricing }));
    },
    (error) => {
      res.statusCode = 502;
      res.end(String(error));
    },
  );
});

export function start() {
  return serve(server);
}
