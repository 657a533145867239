// Express + mysql2: a pool created (and ended) in every request.
import express from 'express';
import mysql from 'mysql2/promise';
import { serve } from './serve.mjs';

const app = express();

app.get('/tables', async (req, res) => {
  const pool = mysql.createPool({ uri: process.env.MYSQL_URL, connectionLimit: 10 });
  const [rows] = await pool.query('SELECT COUNT(*) AS tables FROM information_schema.tables');
  await pool.end();
  res.json(rows[0]);
});

export function start() {
  return serve(app);
}
