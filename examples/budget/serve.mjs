// Shared by the budget services: listens on an ephemeral loopback port and returns { url, close }.
import http from 'node:http';

/**
 * @param {http.Server | http.RequestListener} serverOrListener an `http.Server`, an Express app or a request listener
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export function serve(serverOrListener) {
  const server = serverOrListener instanceof http.Server ? serverOrListener : http.createServer(serverOrListener);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
