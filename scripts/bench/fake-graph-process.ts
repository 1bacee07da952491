import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

/** The fake Graph API (test/fakes/graph-api.ts) running in its own process. */
export interface GraphProcess {
  url: string;
  child: ChildProcess;
}

/**
 * Start the fake Graph API in a child process: its own event loop and core, as a
 * remote Meta would be, so its CPU is not charged to the relay being measured.
 */
export async function startGraphProcess(accessToken: string): Promise<GraphProcess> {
  const code = `
    const { startFakeGraph } = await import(${JSON.stringify(new URL('../../test/fakes/graph-api.ts', import.meta.url).href)});
    const fake = await startFakeGraph({ accessToken: ${JSON.stringify(accessToken)} });
    setInterval(() => fake.reset(), 1000); // don't hoard recorded requests
    console.log(fake.url);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const [url] = (await once(lines, 'line')) as [string];
  return { url, child };
}

/** The Upstash REST bridge over the local Redis (test/fakes/upstash-bridge.ts), in its own process. */
export interface BridgeProcess {
  url: string;
  token: string;
  child: ChildProcess;
}

/**
 * Start the Upstash REST bridge in a child process, so a relay measured with spawnSync (which
 * blocks this process) can still reach it, and its CPU is not charged to the relay.
 */
export async function startBridgeProcess(): Promise<BridgeProcess> {
  const code = `
    const { startUpstashBridge } = await import(${JSON.stringify(new URL('../../test/fakes/upstash-bridge.ts', import.meta.url).href)});
    const bridge = await startUpstashBridge();
    console.log(JSON.stringify({ url: bridge.url, token: bridge.token }));`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const [line] = (await once(lines, 'line')) as [string];
  const { url, token } = JSON.parse(line) as { url: string; token: string };
  return { url, token, child };
}
