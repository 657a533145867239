// Express + pg: a Client connected and ended in every request.
import express from 'express';
import pg from 'pg';
import { serve } from './serve.mjs';

const app = express();

app.get('/now', async (req, res) => {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT now() AS now');
    res.json(rows[0]);
  } finally {
    await client.end();
  }
});

export function start() {
  return serve(app);
}
