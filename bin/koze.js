#!/usr/bin/env node
// Kozé runs from its TypeScript sources: register tsx, then hand over to the command-line tool.
process.env.DOTENV_CONFIG_QUIET ??= 'true';
const { register } = await import('tsx/esm/api');
register();
await import('../src/cli/index.ts');
