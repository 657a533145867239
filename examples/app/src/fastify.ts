// Fastify service for the partner API.
import Fastify from 'fastify';
import { Agent, request } from 'undici';
import mysql from 'mysql2/promise';

export const server = Fastify();

// Good: one keep-alive pool of HTTP connections to the partner, shared by all requests.
const partnerAgent = new Agent({ keepAliveTimeout: 10_000, connections: 16 });

// Good: the legacy MySQL pool is created lazily on first use, then reused.
let legacy: mysql.Pool | undefined;
function legacyPool(): mysql.Pool {
  return (legacy ??= mysql.createPool({ uri: process.env.LEGACY_MYSQL_URL ?? 'mysql://localhost/legacy' }));
}

server.get('/partners/:id/stock', async (req) => {
  const { id } = req.params as { id: string };
  const response = await request(`https://partner.example.com/stock/${id}`, { dispatcher: partnerAgent });
  return response.body.json();
});

server.get('/legacy/customers/:id', async (req) => {
  const { id } = req.params as { id: string };
  const [rows] = await legacyPool().query('SELECT * FROM customers WHERE id = ?', [id]);
  return rows;
});

// Bad: a fresh agent per request defeats keep-alive; every call pays a new TCP + TLS handshake.
server.post('/partners/:id/orders', async (req) => {
  const { id } = req.params as { id: string };
  const agent = new Agent({ keepAliveTimeout: 10_000 });
  const response = await request(`https://partner.example.com/orders/${id}`, {
    method: 'POST',
    body: JSON.stringify(req.body),
    dispatcher: agent,
  });
  return response.body.json();
});

// Bad: a MySQL connection per request.
server.get('/legacy/invoices/:id', async (req) => {
  const { id } = req.params as { id: string };
  const connection = await mysql.createConnection(process.env.LEGACY_MYSQL_URL ?? 'mysql://localhost/legacy');
  try {
    const [rows] = await connection.query('SELECT * FROM invoices WHERE id = ?', [id]);
    return rows;
  } finally {
    await connection.end();
  }
});
