// Express + ioredis: a client per request, quit when the request is done.
import express from 'express';
import Redis from 'ioredis';
import { serve } from './serve.mjs';

const app = express();

app.get('/visits', async (req, res) => {
  const redis = new Redis(process.env.REDIS_URL);
  const visits = await redis.incr('connection-budget:ioredis');
  await redis.quit();
  res.json({ visits });
});

export function start() {
  return serve(app);
}
