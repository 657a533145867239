// Express + mysql2: a connection opened and closed in every request.
import express from 'express';
import mysql from 'mysql2/promise';
import { serve } from './serve.mjs';

const app = express();

app.get('/version', async (req, res) => {
  const connection = await mysql.createConnection(process.env.MYSQL_URL);
  const [rows] = await connection.query('SELECT VERSION() AS version');
  await connection.end();
  res.json(rows[0]);
});

export function start() {
  return serve(app);
}
