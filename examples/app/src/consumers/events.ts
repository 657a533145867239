// Kafka consumer that republishes enriched events.
import { Kafka } from 'kafkajs';

const kafka = new Kafka({ clientId: 'orders-service', brokers: (process.env.KAFKA_BROKERS ?? 'localhost:9092').split(',') });

// Good: one producer, connected lazily once and shared.
const producer = kafka.producer();
let producerReady: Promise<void> | undefined;

export async function startEventConsumer(): Promise<void> {
  const consumer = kafka.consumer({ groupId: 'orders-enricher' });
  await consumer.connect();
  await consumer.subscribe({ topic: 'orders', fromBeginning: false });

  await consumer.run({
    eachMessage: async ({ message }) => {
      await (producerReady ??= producer.connect());
      await producer.send({ topic: 'orders.enriched', messages: [{ key: message.key, value: message.value }] });

      // Bad: a producer per message connects to every broker again.
      const auditProducer = kafka.producer();
      await auditProducer.connect();
      await auditProducer.send({ topic: 'audit', messages: [{ value: message.value }] });
      await auditProducer.disconnect();
    },
  });
}
