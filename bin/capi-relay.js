#!/usr/bin/env node
// `npx capi-relay doctor …` from a clone of the repository: the CLI is TypeScript, run through tsx.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../scripts/doctor/cli.ts');
process.exitCode = await main(process.argv.slice(2), process.env, (text) => console.log(text));
