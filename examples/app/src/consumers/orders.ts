// RabbitMQ consumer: one connection and channel for the whole process.
import amqp from 'amqplib';
import pg from 'pg';
import { pool } from '../db.js';

export async function startOrderConsumer(): Promise<void> {
  // Good: connecting once at start-up.
  const connection = await amqp.connect(process.env.AMQP_URL ?? 'amqp://localhost');
  const channel = await connection.createChannel();
  await channel.assertQueue('orders.created');

  await channel.consume('orders.created', async (message) => {
    if (message === null) return;
    const order = JSON.parse(message.content.toString()) as { id: string; total: number };
    await pool.query('UPDATE orders SET status = $2 WHERE id = $1', [order.id, 'received']);

    // Bad: opening an AMQP connection for every message just to publish a reply.
    const replies = await amqp.connect(process.env.AMQP_URL ?? 'amqp://localhost');
    const replyChannel = await replies.createChannel();
    replyChannel.sendToQueue('orders.acknowledged', Buffer.from(order.id));
    await replies.close();

    // Bad: a PostgreSQL pool per message.
    const analytics = new pg.Pool({ connectionString: process.env.ANALYTICS_DATABASE_URL });
    await analytics.query('INSERT INTO order_totals(order_id, total) VALUES ($1, $2)', [order.id, order.total]);
    await analytics.end();

    channel.ack(message);
  });
}
