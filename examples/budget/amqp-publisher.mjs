// A web server that publishes every order to RabbitMQ, opening a connection per request.
import express from 'express';
import amqp from 'amqplib';
import { serve } from './serve.mjs';

const QUEUE = 'connection-budget-orders';

const app = express();

app.post('/orders', async (req, res) => {
  const connection = await amqp.connect(process.env.AMQP_URL);
  const channel = await connection.createChannel();
  await channel.assertQueue(QUEUE, { durable: false });
  channel.sendToQueue(QUEUE, Buffer.from(JSON.stringify({ at: Date.now() })));
  await channel.close();
  await connection.close();
  res.sendStatus(202);
});

export function start() {
  return serve(app);
}
