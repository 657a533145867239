// Shared clients: built once when the module is first imported, reused by every request.
import pg from 'pg';
import { Redis } from 'ioredis';

export const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });

export const redis = new Redis(process.env.REDIS_URL ?? 'redis://localhost:6379');

export interface Order {
  id: string;
  customerId: string;
  total: number;
}

export async function findOrder(id: string): Promise<Order | undefined> {
  const { rows } = await pool.query<Order>('SELECT id, customer_id AS "customerId", total FROM orders WHERE id = $1', [id]);
  return rows[0];
}
