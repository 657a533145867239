// Express API. `/orders/:id` reuses the shared pool; the report routes build clients per request.
import express, { type Request, type Response } from 'express';
import pg from 'pg';
import { Redis } from 'ioredis';
import { findOrder, redis } from './db.js';

export const app = express();

// Good: the handler only uses clients created at module scope.
app.get('/orders/:id', async (req: Request<{ id: string }>, res: Response) => {
  const cached = await redis.get(`order:${req.params.id}`);
  if (cached !== null) {
    res.json(JSON.parse(cached));
    return;
  }
  const order = await findOrder(req.params.id);
  if (order === undefined) {
    res.sendStatus(404);
    return;
  }
  await redis.set(`order:${order.id}`, JSON.stringify(order), 'EX', 60);
  res.json(order);
});

// Bad: a new pool (and its connections) for every request, never closed.
app.get('/reports/daily', async (_req, res) => {
  const reporting = new pg.Pool({ connectionString: process.env.REPORTING_DATABASE_URL });
  const { rows } = await reporting.query('SELECT day, revenue FROM daily_revenue ORDER BY day DESC LIMIT 30');
  res.json(rows);
});

// Bad: a named handler registered below; a Redis connection per request.
async function rateLimit(req: Request, res: Response, next: () => void): Promise<void> {
  const limiter = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');
  const hits = await limiter.incr(`hits:${req.ip}`);
  await limiter.quit();
  if (hits > 100) {
    res.sendStatus(429);
    return;
  }
  next();
}
app.use(rateLimit);

// Bad: connect() on a client built in the handler opens one PostgreSQL connection per request.
app.post('/audit', async (req, res) => {
  const client = new pg.Client({ connectionString: process.env.AUDIT_DATABASE_URL });
  await client.connect();
  try {
    await client.query('INSERT INTO audit(entry) VALUES ($1)', [JSON.stringify(req.body)]);
  } finally {
    await client.end();
  }
  res.sendStatus(204);
});

export function listen(port: number): void {
  app.listen(port);
}
