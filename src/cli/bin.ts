#!/usr/bin/env node
import { main } from './main.ts';

// output piped into a reader that stops early (`| head`): end quietly instead of crashing on EPIPE
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
}

process.exitCode = await main(process.argv.slice(2));
