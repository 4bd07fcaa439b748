#!/usr/bin/env node
// The user needs no build step: tsx compiles the TypeScript sources on the fly.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
