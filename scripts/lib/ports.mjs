import net from 'node:net';

/** Resolves true when nothing listens on 127.0.0.1:port (and 0.0.0.0). */
export function isPortFree(port) {
  return new Promise(resolve => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '0.0.0.0', exclusive: true }, () =>
      server.close(() => resolve(true)),
    );
  });
}

/**
 * The wanted port if free, otherwise the next free one above it. `log` is told
 * when the port had to change, so the user knows where to look.
 */
export async function choosePort(wanted, what, log = console.log) {
  for (let port = wanted; port < wanted + 100; port++) {
    if (await isPortFree(port)) {
      if (port !== wanted) {
        log(`${what}: port ${wanted} is busy, using ${port} instead`);
      }
      return port;
    }
  }
  throw new Error(
    `${what}: ports ${wanted}-${
      wanted + 99
    } are all busy; free one or set the port explicitly`,
  );
}
