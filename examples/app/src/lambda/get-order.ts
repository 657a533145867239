// AWS Lambda handlers behind API Gateway.
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import pg from 'pg';
import { MongoClient } from 'mongodb';

// Good: the pool is created on the first invocation and reused by warm invocations.
let pool: pg.Pool | undefined;

export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  pool ??= new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 });
  const { rows } = await pool.query('SELECT * FROM orders WHERE id = $1', [event.pathParameters?.id]);
  return { statusCode: rows.length > 0 ? 200 : 404, body: JSON.stringify(rows[0] ?? null) };
};

// Bad: a MongoDB client (and its connection pool) per invocation.
export async function history(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const mongo = new MongoClient(process.env.MONGO_URL ?? 'mongodb://localhost:27017');
  const events = await mongo.db('orders').collection('history').find({ orderId: event.pathParameters?.id }).toArray();
  await mongo.close();
  return { statusCode: 200, body: JSON.stringify(events) };
}
