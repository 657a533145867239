/**
 * Hosts one budget service in its own process, so that each version (original, fixed) gets fresh
 * module state and its connections close when it exits: `fork('bench/child.mjs', [serviceFile])`,
 * then the service's URL arrives as `{ url }`; send `'stop'` to close it and exit.
 */
import { pathToFileURL } from 'node:url';

const file = process.argv[2];
if (file === undefined || process.send === undefined) {
  console.error('usage: fork(child.mjs, [service.mjs]) with an IPC channel');
  process.exit(2);
}
try {
  const service = await import(pathToFileURL(file).href);
  const { url, close } = await service.start();
  process.on('message', (message) => {
    if (message !== 'stop') return;
    const exit = () => process.exit(0);
    setTimeout(exit, 2000).unref();
    close().then(exit, exit);
  });
  process.send({ url });
} catch (error) {
  process.send({ error: String(error?.stack ?? error) });
  process.exit(1);
}
