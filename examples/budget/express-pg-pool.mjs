// Express + pg: a Pool built (and ended) in every request.
import express from 'express';
import pg from 'pg';
import { serve } from './serve.mjs';

const app = express();

app.get('/users/count', async (req, res) => {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
  const { rows } = await pool.query('SELECT count(*)::int AS users FROM pg_catalog.pg_roles');
  await pool.end();
  res.json(rows[0]);
});

export function start() {
  return serve(app);
}
