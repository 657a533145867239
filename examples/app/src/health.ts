// Plain node:http health endpoint that probes upstream services.
import http from 'node:http';

// Good: one keep-alive agent for all probes.
const probeAgent = new http.Agent({ keepAlive: true, maxSockets: 4 });

function probe(url: string, agent: http.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get(url, { agent }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    }).on('error', reject);
  });
}

export const healthServer = http.createServer(async (req, res) => {
  if (req.url === '/healthz') {
    const status = await probe('http://inventory.internal/healthz', probeAgent);
    res.writeHead(status === 200 ? 200 : 503).end();
    return;
  }
  // Bad: every other request (/readyz) builds a new agent and opens new sockets.
  const agent = new http.Agent({ keepAlive: true });
  const status = await probe('http://billing.internal/healthz', agent);
  res.writeHead(status === 200 ? 200 : 503).end();
});
