#!/usr/bin/env node
// The `pitboss` command: runs the compiled CLI (build with `npm run build`).
import '../dist/src/cli.js';
