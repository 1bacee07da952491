import net from 'node:net';

/** Host/port of the real Redis the integration tests use. */
export const REDIS_HOST = '127.0.0.1';
export const REDIS_PORT = 6379;

/** True when something answers on the Redis port within `timeoutMs`. */
export function isRedisReachable(timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: REDIS_HOST, port: REDIS_PORT });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Decide whether Redis-backed tests run. Locally they skip with a loud notice
 * when no server is up; under CI=true a missing Redis is an error, because a
 * green run must mean the Redis code was exercised.
 */
export async function redisAvailableOrSkip(suite: string): Promise<boolean> {
  if (await isRedisReachable()) return true;
  if (process.env.CI === 'true') {
    throw new Error(`${suite}: Redis is required under CI=true but 127.0.0.1:6379 is not reachable`);
  }
  console.warn(`\n!!! ${suite}: SKIPPED — no Redis on ${REDIS_HOST}:${REDIS_PORT} !!!\n`);
  return false;
}
