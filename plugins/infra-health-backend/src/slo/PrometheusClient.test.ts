import net from 'net';
import { parseSampleValue, PrometheusClient } from './PrometheusClient';

describe('PrometheusClient', () => {
  it('parses sample values: NaN and infinities are no data', () => {
    expect(parseSampleValue('0.999')).toBe(0.999);
    expect(parseSampleValue('1e-3')).toBe(0.001);
    expect(parseSampleValue('NaN')).toBeNull();
    expect(parseSampleValue('+Inf')).toBeNull();
    expect(parseSampleValue('-Inf')).toBeNull();
  });

  it('gives up after its timeout when the server never answers', async () => {
    // accepts connections and never writes a byte
    const sockets: net.Socket[] = [];
    const server = net.createServer(socket => sockets.push(socket));
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    try {
      const client = new PrometheusClient({
        baseUrl: `http://127.0.0.1:${port}/`,
        timeoutMs: 200,
        token: 'top-secret',
      });
      const started = Date.now();
      const failure = await client.query('up', new Date()).then(
        () => undefined,
        (error: Error) => error,
      );
      expect(failure?.message).toBe('Prometheus did not answer within 200 ms');
      expect(failure?.message).not.toMatch(/top-secret/);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      sockets.forEach(socket => socket.destroy());
      await new Promise(resolve => server.close(resolve));
    }
  });
});
