#!/usr/bin/env node
/**
 * The floor `bench/run.mjs` compares migrate against: the same walk (gitignore, skipped dirs) and
 * reading every file with the same concurrency, and nothing else. Prints `{ files, bytes }`.
 */
import { readFile } from 'node:fs/promises';
import { walk } from '../dist/src/run/walk.js';

const root = process.argv[2] ?? '.';
const { files } = walk({ cwd: process.cwd(), paths: [root] });
let next = 0;
let bytes = 0;
const lane = async () => {
  while (next < files.length) bytes += (await readFile(files[next++].realPath)).length;
};
await Promise.all(Array.from({ length: 32 }, lane));
process.stdout.write(`${JSON.stringify({ files: files.length, bytes })}\n`);
