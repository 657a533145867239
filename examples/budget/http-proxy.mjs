// A reverse proxy in front of a local upstream (a sidecar on 127.0.0.1:48080), built with
// http-proxy and no `agent`: http-proxy then sends `Connection: close` and opens a new upstream
// connection for every request.
import http from 'node:http';
import httpProxy from 'http-proxy';
import { serve } from './serve.mjs';

const proxy = httpProxy.createProxyServer({ target: 'http://127.0.0.1:48080' });

const server = http.createServer((req, res) => {
  proxy.web(req, res, {}, (error) => {
    res.statusCode = 502;
    res.end(String(error));
  });
});

export function start() {
  return serve(server);
}
