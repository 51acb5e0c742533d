import { createApp, SERVICE_NAME } from './server';

const port = Number(process.env.PORT ?? 8080);
const readiness = { ready: true };
const server = createApp(readiness);

server.listen(port, () => {
  console.log(JSON.stringify({ msg: 'listening', service: SERVICE_NAME, port }));
});

process.on('SIGTERM', () => {
  // Fail readiness first so the Service stops sending traffic, then close.
  readiness.ready = false;
  setTimeout(() => server.close(() => process.exit(0)), 5_000).unref();
});
