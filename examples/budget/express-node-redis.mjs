// Express + node-redis: createClient + connect per request, quit in finally.
import express from 'express';
import { createClient } from 'redis';
import { serve } from './serve.mjs';

const app = express();

app.get('/visits', async (req, res) => {
  const redis = createClient({ url: process.env.REDIS_URL });
  await redis.connect();
  try {
    const visits = await redis.incr('connection-budget:node-redis');
    res.json({ visits });
  } finally {
    await redis.quit();
  }
});

export function start() {
  return serve(app);
}
